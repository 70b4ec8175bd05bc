// Writes one file of records per Node logging library into the directory given as the argument,
// through each library's own JSON output, for NodeLibraryShapesTest (router-core). Every library
// logs the same two calls: an info message with context, and an error with an exception.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pino from 'pino';
import bunyan from 'bunyan';
import winston from 'winston';
import serilogger from 'serilogger';

const out = process.argv[2];
const boom = new TypeError('boom');
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';

function pinoLogs() {
  const dest = pino.destination({ dest: path.join(out, 'pino.jsonl'), sync: true });
  const log = pino({ name: 'checkout' }, dest);
  log.info({ traceId, tenant: 'acme' }, 'order placed');
  log.error({ err: boom }, 'payment failed');
}

function bunyanLogs() {
  const log = bunyan.createLogger({ name: 'checkout', serializers: bunyan.stdSerializers, streams: [{ path: path.join(out, 'bunyan.jsonl') }] });
  log.info({ traceId, tenant: 'acme' }, 'order placed');
  log.error({ err: boom }, 'payment failed');
}

async function winstonLogs() {
  const file = path.join(out, 'winston.jsonl');
  const log = winston.createLogger({
    defaultMeta: { service: 'checkout' },
    format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.timestamp(), winston.format.json()),
    transports: [new winston.transports.File({ filename: file })],
  });
  log.info('order placed', { traceId, tenant: 'acme' });
  log.error(boom);
  await new Promise((resolve) => { log.on('finish', resolve); log.end(); });
}

/** serilogger's Seq sink in compact mode posts CLEF: a local HTTP server stands in for Seq and keeps the body. */
async function clefLogs() {
  const bodies = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { bodies.push(body); res.writeHead(201, { 'Content-Type': 'application/json' }); res.end('{}'); });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const log = new serilogger.LoggerConfiguration()
    .enrich({ SourceContext: 'Checkout.Payments', TraceId: traceId })
    .writeTo(new serilogger.SeqSink({ url: `http://127.0.0.1:${server.address().port}`, compact: true }))
    .create();
  log.info('Order {OrderId} placed for {Customer}', 42, 'acme');
  log.error(boom, 'Payment failed');
  await log.flush();
  // the sink posts without waiting: wait for both events to arrive
  for (let i = 0; i < 100 && bodies.join('\n').split('\n').filter((l) => l.trim()).length < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.close();
  fs.writeFileSync(path.join(out, 'clef.jsonl'), bodies.join('\n').trim() + '\n');
}

pinoLogs();
bunyanLogs();
await winstonLogs();
await clefLogs();
