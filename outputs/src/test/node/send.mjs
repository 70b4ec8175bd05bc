// Sends events through a vendor's own Node client to a local receiver, for VendorClientCrossCheckTest.
//   node send.mjs splunk|azure|appinsights <receiver base URL> <events.json>
// events.json: [{"message": "...", "time": <epoch ms>, "host": "...", "service": "...", "level": "info|warn|error"}]
// Exits 0 once the client reports the events sent, 1 with the client's error otherwise.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [client, base, file] = process.argv.slice(2);
const events = JSON.parse(readFileSync(file, "utf8"));

async function splunk() {
  const { Logger } = require("splunk-logging");
  const logger = new Logger({ token: "11111111-2222-3333-4444-555555555555", url: base, maxBatchCount: events.length });
  await new Promise((resolve, reject) => {
    logger.error = (err) => reject(err);
    for (const [i, e] of events.entries()) {
      const payload = {
        message: e.message,
        severity: e.level,
        metadata: { time: e.time / 1000, host: e.host, source: e.service, sourcetype: "_json", index: "main" },
      };
      logger.send(payload, i === events.length - 1 ? (err, resp, body) => (err ? reject(err) : resolve(body)) : undefined);
    }
  });
}

async function azure() {
  const { LogsIngestionClient } = await import("@azure/monitor-ingestion");
  // a static token: the receiver checks the header, not the token
  const credential = { getToken: async () => ({ token: "entra-static", expiresOnTimestamp: Date.now() + 3600_000 }) };
  const ingestion = new LogsIngestionClient(base, credential);
  const logs = events.map((e) => ({ TimeGenerated: new Date(e.time).toISOString(), Message: e.message, Host: e.host }));
  await ingestion.upload("dcr-00112233445566778899aabbccddeeff", "Custom-SluiceLogs_CL", logs);
}

async function appinsights() {
  const appInsights = require("applicationinsights");
  const connection = `InstrumentationKey=01234567-89ab-cdef-0123-456789abcdef;IngestionEndpoint=${base}`;
  appInsights.setup(connection).setAutoCollectConsole(false).setAutoCollectExceptions(false)
    .setAutoCollectPerformance(false, false).setAutoCollectRequests(false).setAutoCollectDependencies(false)
    .setAutoDependencyCorrelation(false).setSendLiveMetrics(false).setInternalLogging(false, false)
    .setUseDiskRetryCaching(false).start();
  const levels = appInsights.Contracts.SeverityLevel;
  const severities = { info: levels.Information, warn: levels.Warning, error: levels.Error };
  for (const e of events) {
    appInsights.defaultClient.trackTrace({ message: e.message, severity: severities[e.level], properties: { host: e.host } });
  }
  await new Promise((resolve) => appInsights.defaultClient.flush({ callback: resolve }));
  appInsights.dispose();
}

const clients = { splunk, azure, appinsights };
try {
  await clients[client]();
  process.exit(0);
} catch (err) {
  console.error(String(err && err.stack ? err.stack : err));
  process.exit(1);
}
