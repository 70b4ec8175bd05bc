package io.sluice.outputs.kafka;

import io.sluice.core.testkit.FreePorts;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.kafka.testkit.KafkaBrokerExtension;
import io.sluice.core.testkit.OutputContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the sink fails: loudly when the broker denies it, retriably and promptly when no broker answers. */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaOutputFailuresTest {
    @TempDir
    Path dir;

    @Test
    void aPrincipalWithoutWriteAccessStopsTheSinkWithWhatToGrant(KafkaBroker broker) throws Exception {
        broker.createTopic("denied.topic", 1);
        Output output = output(broker.saslBootstrapServers(), Map.of("producer", sasl(KafkaBroker.DENIED_PASSWORD)));
        try {
            assertThatThrownBy(() -> output.send(TestBatches.of(List.of(TestBatches.event("app", "secret", 1)))))
                    .isInstanceOf(KafkaAccessDeniedException.class)
                    .isInstanceOf(PermanentOutputException.class)
                    .hasMessageContaining("Kafka output 'kafka-test' was denied access")
                    .hasMessageContaining("Grant the producer's principal WRITE");
        } finally {
            output.close();
        }
    }

    @Test
    void aWrongPasswordStopsTheSinkLoudly(KafkaBroker broker) throws Exception {
        Output output = output(broker.saslBootstrapServers(), Map.of("producer", sasl("wrong")));
        try {
            assertThatThrownBy(() -> output.send(TestBatches.of(List.of(TestBatches.event("app", "m", 1)))))
                    .isInstanceOf(KafkaAccessDeniedException.class)
                    .hasMessageContaining("sasl.*/ssl.* settings");
        } finally {
            output.close();
        }
    }

    @Test
    void noBrokerAtTheAddressIsARetriableFailureNotAHang() throws Exception {
        int port = FreePorts.one();
        Output output = output("127.0.0.1:" + port, Map.of("delivery_timeout", "2s"));
        try {
            List<io.sluice.api.event.LogEvent> events = List.of(TestBatches.event("app", "a", 1), TestBatches.event("app", "b", 2));
            assertThatThrownBy(() -> output.send(TestBatches.of(events)))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining("no record of the batch was acknowledged");
        } finally {
            output.close();
        }
    }

    private Output output(String bootstrap, Map<String, Object> extra) throws Exception {
        Map<String, Object> block = new HashMap<>(extra);
        block.put("bootstrap_servers", List.of(bootstrap));
        block.put("topic", "denied.topic");
        block.putIfAbsent("delivery_timeout", "10s");
        KafkaOutputPlugin plugin = new KafkaOutputPlugin();
        Output output = plugin.create("kafka-test", Configs.bind(plugin.options(), block));
        output.start(OutputContexts.of("kafka-test", dir));
        return output;
    }

    private static Map<String, String> sasl(String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaBroker.DENIED_USER
                        + "\" password=\"" + password + "\";");
    }
}
