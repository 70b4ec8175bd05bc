// Emits one log record with every field the OpenTelemetry JS SDK can set and exports it with one
// of the OTLP exporters to the otlp input; exits 0 only when the exporter reported success.
// Usage: node send-logs.mjs http|proto|grpc http://127.0.0.1:PORT
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPLogExporter as HttpJsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as HttpProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPLogExporter as GrpcExporter } from '@opentelemetry/exporter-logs-otlp-grpc';

const [kind, base] = process.argv.slice(2);
const exporter = {
  http: () => new HttpJsonExporter({ url: `${base}/v1/logs` }),
  proto: () => new HttpProtoExporter({ url: `${base}/v1/logs`, compression: 'gzip' }),
  grpc: () => new GrpcExporter({ url: base, compression: 'gzip' }),
}[kind]();

// Collects what the SDK made of the record, then exports it with the real exporter, so that the
// exporter's own result decides the exit code (SimpleLogRecordProcessor only logs a failure).
const records = [];
const collect = { onEmit: (r) => records.push(r), forceFlush: async () => {}, shutdown: async () => {} };
const provider = new LoggerProvider({
  resource: resourceFromAttributes({
    'service.name': 'checkout-js', 'host.name': 'node-9', 'k8s.namespace.name': 'shop',
    'k8s.pod.name': 'checkout-js-7f', 'container.id': 'beef01', 'deployment.environment.name': 'staging',
  }),
  processors: [collect],
});
const logger = provider.getLogger('shop.payments', '3.0.1');
const span = trace.wrapSpanContext({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED,
});
logger.emit({
  timestamp: new Date('2026-03-01T10:00:00.123Z'),
  observedTimestamp: new Date('2026-03-01T10:00:01Z'),
  severityNumber: SeverityNumber.ERROR,
  severityText: 'ERR', // the level word itself (ERROR) is kept as log.level only
  body: `card declined via ${kind}`,
  attributes: {
    'order.id': 'A-18', retries: 4, amount: 9.75, vip: false, items: ['sku-3', 'sku-4'],
    'exception.type': 'CardError', 'exception.message': 'declined by issuer',
  },
  context: trace.setSpan(context.active(), span),
});

exporter.export(records, (result) => {
  if (result.code !== 0) console.error(`export failed: ${result.error}`);
  exporter.shutdown().finally(() => process.exit(result.code === 0 ? 0 : 1));
});
