package io.sluice.outputs.splunk;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.HttpAuth;
import io.sluice.outputs.http.HttpCoreSettings;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.SingleTargetOutput;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** {@code type: splunk_hec}: Splunk's HTTP Event Collector, at least once; with indexer_ack, once indexed. */
public final class SplunkHecPlugin implements OutputPlugin {
    @Override
    public String type() {
        return "splunk_hec";
    }

    @Override
    public OptionSpec options() {
        return SplunkHecOptions.SPEC;
    }

    @Override
    public Output create(String id, Options o) {
        HttpAuth token = HttpAuth.apiKey("Authorization", "Splunk " + o.get(SplunkHecOptions.TOKEN));
        HttpCoreSettings core = HttpCoreSettings.withAuth(o, SplunkHecOptions.MAX_REQUEST_BYTES, token);
        String base = o.get(SplunkHecOptions.ENDPOINT).replaceAll("/$", "");
        boolean raw = "raw".equals(o.get(SplunkHecOptions.ENDPOINT_TYPE));
        IndexerAck ack = null;
        Map<String, String> headers = Map.of();
        if (o.get(SplunkHecOptions.INDEXER_ACK)) {
            String channel = o.isSet(SplunkHecOptions.CHANNEL) ? o.get(SplunkHecOptions.CHANNEL) : UUID.randomUUID().toString();
            ack = new IndexerAck(URI.create(base + "/services/collector/ack?channel=" + channel), channel,
                    o.get(SplunkHecOptions.ACK_TIMEOUT), o.get(SplunkHecOptions.ACK_POLL_INTERVAL));
            headers = Map.of("X-Splunk-Request-Channel", channel);
        }
        HecEnvelope envelope = new HecEnvelope(raw, o.get(SplunkHecOptions.SOURCE), o.get(SplunkHecOptions.SOURCETYPE),
                o.get(SplunkHecOptions.INDEX), o.get(SplunkHecOptions.FIELDS));
        URI uri = URI.create(base + (raw ? "/services/collector/raw" + rawQuery(o) : "/services/collector/event"));
        HttpSender sender = new HttpSender(id, core, Clock.systemUTC());
        BatchDelivery delivery = new BatchDelivery(sender, new HecProtocol(envelope, ack), core.maxRequestBytes());
        return new SingleTargetOutput("splunk_hec", id, new BatchDelivery.Target(uri, headers), sender, delivery);
    }

    /** The raw endpoint takes its metadata from the query string. */
    private static String rawQuery(Options o) {
        StringBuilder q = new StringBuilder("?sourcetype=").append(enc(o.get(SplunkHecOptions.SOURCETYPE)));
        if (o.get(SplunkHecOptions.INDEX) != null) q.append("&index=").append(enc(o.get(SplunkHecOptions.INDEX)));
        if (o.get(SplunkHecOptions.SOURCE) != null) q.append("&source=").append(enc(o.get(SplunkHecOptions.SOURCE)));
        return q.toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
