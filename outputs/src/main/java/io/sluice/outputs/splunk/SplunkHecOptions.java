package io.sluice.outputs.splunk;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;
import io.sluice.outputs.http.HttpCoreOptions;

import java.time.Duration;
import java.util.List;

/** The options of {@code type: splunk_hec}. */
final class SplunkHecOptions {
    private SplunkHecOptions() {}

    static final Option<String> ENDPOINT = Option.of("endpoint", Types.STRING).required()
            .check(t -> t.matches("https?://[^/]+/?"), "must be http(s)://host:port with no path, e.g. https://splunk:8088")
            .doc("the HEC base URL, e.g. https://splunk-hec:8088").build();
    static final Option<String> TOKEN = Option.of("token", Types.STRING).required()
            .doc("the HEC token, sent as 'Authorization: Splunk <token>'; write ${SPLUNK_HEC_TOKEN}").build();
    static final Option<String> ENDPOINT_TYPE = Option.of("endpoint_type", Types.oneOf("event", "raw"))
            .defaultValue("event")
            .doc("event: /services/collector/event with time, host and indexed fields per event; raw: /services/collector/raw"
                    + " with the events' JSON lines")
            .build();
    static final Option<String> INDEX = Option.of("index", Types.STRING).doc("the index (default: the token's)").build();
    static final Option<String> SOURCE = Option.of("source", Types.STRING).doc("the source (default: the token's)").build();
    static final Option<String> SOURCETYPE = Option.of("sourcetype", Types.STRING).defaultValue("_json")
            .doc("the sourcetype").build();
    static final Option<List<String>> FIELDS = Option.of("fields", Types.STRING_LIST).defaultValue(List.of())
            .check(l -> l.stream().allMatch(FieldPaths::isKnown), "each item must be an event field, e.g. service.name")
            .doc("event fields sent as HEC indexed fields (event endpoint), e.g. [service.name, log.level]").build();
    static final Option<Boolean> INDEXER_ACK = Option.of("indexer_ack", Types.BOOL).defaultValue(false)
            .doc("wait for Splunk to confirm each request indexed before acknowledging its events (the token must have"
                    + " indexer acknowledgement on); makes file checkpoints and Kafka offsets safe with Splunk")
            .build();
    static final Option<String> CHANNEL = Option.of("channel", Types.STRING)
            .check(t -> t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
                    "must be a GUID")
            .doc("the channel id for indexer acknowledgement (default: a new GUID per start)").build();
    static final Option<Duration> ACK_TIMEOUT = Option.of("ack_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(120))
            .doc("how long to wait for indexing before sending the events again").build();
    static final Option<Duration> ACK_POLL_INTERVAL = Option.of("ack_poll_interval", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(1)).doc("how often to ask whether a request is indexed").build();
    static final Option<Long> MAX_REQUEST_BYTES = HttpCoreOptions.maxRequestBytes(1L << 20,
            "default 1MiB, HEC's max_content_length in older Splunk versions");

    static final OptionSpec SPEC = OptionSpec.of("splunk_hec",
            "sends events to Splunk's HTTP Event Collector, optionally acknowledged only once indexed",
            ENDPOINT, TOKEN, ENDPOINT_TYPE, INDEX, SOURCE, SOURCETYPE, FIELDS, INDEXER_ACK, CHANNEL, ACK_TIMEOUT,
            ACK_POLL_INTERVAL, MAX_REQUEST_BYTES, HttpCoreOptions.COMPRESSION, HttpCoreOptions.REQUEST_TIMEOUT,
            HttpCoreOptions.TLS_BLOCK)
            // each of these would be silently ignored: say so at its line instead
            .rule(needsIndexerAck(CHANNEL), needsIndexerAck(ACK_TIMEOUT), needsIndexerAck(ACK_POLL_INTERVAL),
                    OptionRule.of("`fields` requires `endpoint_type: event`",
                            "fields are sent only by the event endpoint; remove them or set endpoint_type: event",
                            o -> !o.isSet(FIELDS) || "event".equals(o.get(ENDPOINT_TYPE)), ENDPOINT_TYPE, FIELDS));

    private static OptionRule needsIndexerAck(Option<?> option) {
        return OptionRule.of("`" + option.name() + "` requires `indexer_ack: true`",
                option.name() + " applies only with indexer_ack: true",
                o -> !o.isSet(option) || o.get(INDEXER_ACK), INDEXER_ACK, option);
    }
}
