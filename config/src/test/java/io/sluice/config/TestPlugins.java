package io.sluice.config;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.plugin.PluginRegistry;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Small input and output types registered for the config tests, in the shape of the real ones
 * (which live in the inputs and outputs modules): a host:port, a duration, a byte size, a nested
 * block, lists. They only declare options; creating them is not what these tests are about.
 */
final class TestPlugins {
    private TestPlugins() {}

    // --- tcp input
    static final Option<InetSocketAddress> LISTEN = Option.of("listen", Types.HOST_PORT).required()
            .doc("address to listen on").build();
    static final Option<String> FORMAT = Option.of("format", Types.oneOf("auto", "json", "text")).defaultValue("auto")
            .doc("how each line is read").build();
    static final Option<Integer> MAX_CONNECTIONS = Option.of("max_connections", Types.INT).defaultValue(1000)
            .check(n -> n >= 1, "must be at least 1").doc("most open connections").build();
    static final Option<Duration> IDLE_TIMEOUT = Option.of("idle_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofMinutes(5)).doc("closes connections idle this long").build();
    static final Option<Long> MAX_LINE = Option.of("max_line_bytes", Types.BYTE_SIZE).defaultValue(1024L * 1024)
            .doc("longer lines are cut").build();
    static final Option<String> CERT_FILE = Option.of("cert_file", Types.STRING).required().doc("PEM certificate").build();
    static final Option<String> KEY_FILE = Option.of("key_file", Types.STRING).required().doc("PEM private key").build();
    static final OptionSpec TLS_SPEC = OptionSpec.of("tls", "TLS server settings", CERT_FILE, KEY_FILE);
    static final Option<Options> TLS = Option.block("tls", TLS_SPEC).doc("turns on TLS").build();
    static final OptionSpec TCP_SPEC = OptionSpec.of("tcp input", "newline-delimited records over TCP",
            LISTEN, FORMAT, MAX_CONNECTIONS, IDLE_TIMEOUT, MAX_LINE, TLS);

    // --- kafka input
    static final Option<List<String>> BOOTSTRAP = Option.of("bootstrap_servers", Types.STRING_LIST).required()
            .doc("brokers").build();
    static final Option<List<String>> TOPICS = Option.of("topics", Types.STRING_LIST).doc("topics").build();
    static final Option<String> TOPIC_PATTERN = Option.of("topic_pattern", Types.STRING).doc("topic regex").build();
    static final Option<String> GROUP_ID = Option.of("group_id", Types.STRING).required().doc("consumer group").build();
    static final OptionSpec KAFKA_SPEC = OptionSpec.of("kafka input", "records from Kafka topics",
            BOOTSTRAP, TOPICS, TOPIC_PATTERN, GROUP_ID).rule(OptionRule.exactlyOneOf(TOPICS, TOPIC_PATTERN));

    // --- stdout output
    static final Option<String> OUT_FORMAT = Option.of("format", Types.oneOf("json", "text")).defaultValue("json")
            .doc("json lines or readable text").build();
    static final OptionSpec STDOUT_SPEC = OptionSpec.of("stdout output", "prints events", OUT_FORMAT);

    // --- file output
    static final Option<String> PATH = Option.of("path", Types.STRING).required().doc("file to append to").build();
    static final Option<Boolean> FSYNC = Option.of("fsync", Types.BOOL).defaultValue(false).doc("fsync per batch").build();
    static final OptionSpec FILE_SPEC = OptionSpec.of("file output", "appends JSON lines", PATH, FSYNC);

    // --- elasticsearch output
    static final Option<List<String>> HOSTS = Option.of("hosts", Types.STRING_LIST).required().doc("node URLs").build();
    static final Option<String> DATA_STREAM = Option.of("data_stream", Types.STRING).defaultValue("logs-generic-default")
            .doc("target data stream").build();
    static final Option<String> API_KEY = Option.of("api_key", Types.STRING).doc("API key").build();
    static final Option<String> USERNAME = Option.of("username", Types.STRING).doc("user").build();
    static final Option<String> PASSWORD = Option.of("password", Types.STRING).doc("password").build();
    static final Option<Options> AUTH = Option.block("auth", OptionSpec.of("auth", "credentials", API_KEY, USERNAME, PASSWORD)
                    .rule(OptionRule.requiresTogether(USERNAME, PASSWORD), OptionRule.atMostOneOf(API_KEY, USERNAME)))
            .doc("credentials").build();
    static final OptionSpec ES_SPEC = OptionSpec.of("elasticsearch output", "bulk indexing", HOSTS, DATA_STREAM, AUTH);

    // --- syslog input
    static final Option<InetSocketAddress> SYSLOG_LISTEN = Option.of("listen", Types.HOST_PORT).doc("address").build();
    static final Option<List<String>> PROTOCOLS = Option.of("protocols", Types.STRING_LIST).doc("udp, tcp").build();
    static final OptionSpec SYSLOG_SPEC = OptionSpec.of("syslog input", "syslog", SYSLOG_LISTEN, PROTOCOLS);

    /** tcp, syslog and kafka inputs; stdout, file and elasticsearch outputs. */
    static PluginRegistry registry() {
        return withoutFile().register(output("file", FILE_SPEC));
    }

    /** The same without the {@code file} output, so no default dead-letter output exists. */
    static PluginRegistry withoutFile() {
        return new PluginRegistry()
                .register(input("tcp", TCP_SPEC))
                .register(input("syslog", SYSLOG_SPEC))
                .register(input("kafka", KAFKA_SPEC))
                .register(output("stdout", STDOUT_SPEC))
                .register(output("elasticsearch", ES_SPEC))
                // the transforms are the real ones: they live in router-core, which config depends on
                .register(new io.sluice.core.transform.Redact())
                .register(new io.sluice.core.transform.Throttle())
                .register(new io.sluice.core.transform.Remap());
    }

    static InputPlugin input(String type, OptionSpec spec) {
        return new InputPlugin() {
            @Override public String type() { return type; }
            @Override public OptionSpec options() { return spec; }
            @Override public Input create(String id, Options options) {
                throw new UnsupportedOperationException("config tests bind options only");
            }
        };
    }

    static OutputPlugin output(String type, OptionSpec spec) {
        return new OutputPlugin() {
            @Override public String type() { return type; }
            @Override public OptionSpec options() { return spec; }
            @Override public Output create(String id, Options options) {
                throw new UnsupportedOperationException("config tests bind options only");
            }
        };
    }
}
