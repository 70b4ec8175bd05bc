package io.sluice.outputs.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.Verdict;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * HEC indexer acknowledgement: each request on this output's channel returns an {@code ackId};
 * {@code POST /services/collector/ack} with {@code {"acks":[id]}} answers {@code {"acks":{"id":true}}}
 * once the events are indexed. A request counts as delivered only then, so inputs advance their
 * checkpoints (file offsets, Kafka offsets) only past what Splunk has indexed.
 *
 * <p>Each request's ackId is polled before the next request of the batch leaves; larger batches
 * amortize the wait.
 */
final class IndexerAck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI ackUri;
    private final String channel;
    private final Duration timeout;
    private final Duration pollInterval;

    IndexerAck(URI ackUri, String channel, Duration timeout, Duration pollInterval) {
        this.ackUri = ackUri;
        this.channel = channel;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    String channel() {
        return channel;
    }

    /** Polls until the id is indexed (delivered) or the timeout passes (retry: the events are sent again). */
    Verdict await(HttpSender sender, long ackId) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            HttpSender.Exchange answer = sender.call(HttpRequest.newBuilder(ackUri)
                    .header("X-Splunk-Request-Channel", channel).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"acks\":[" + ackId + "]}")));
            if (answer.status() == 200) {
                JsonNode acks = JSON.readTree(answer.body()).path("acks");
                if (acks.path(Long.toString(ackId)).asBoolean(false)) return Verdict.DELIVERED;
                last = "ackId " + ackId + " not indexed yet";
            } else {
                last = "ack endpoint answered " + answer.status() + ": " + answer.body();
            }
            if (System.nanoTime() + pollInterval.toNanos() > deadline) {
                return Verdict.retry(null, "Splunk did not confirm indexing within ack_timeout " + timeout + " (" + last
                        + "); the events are sent again and may be indexed twice");
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }
}
