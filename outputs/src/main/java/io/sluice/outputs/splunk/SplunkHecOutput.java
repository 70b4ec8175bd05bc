package io.sluice.outputs.splunk;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.HttpSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code type: splunk_hec}. With indexer acknowledgement each request's ackId is polled before the
 * next request leaves, so the events of a batch are acknowledged to the pipeline only once Splunk has
 * indexed them (larger batches amortize the wait).
 */
final class SplunkHecOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(SplunkHecOutput.class);

    private final String id;
    private final BatchDelivery.Target target;
    private final HttpSender sender;
    private final BatchDelivery delivery;
    private final boolean indexerAck;

    SplunkHecOutput(String id, BatchDelivery.Target target, HttpSender sender, BatchDelivery delivery, boolean indexerAck) {
        this.id = id;
        this.target = target;
        this.sender = sender;
        this.delivery = delivery;
        this.indexerAck = indexerAck;
    }

    @Override
    public void start(OutputContext context) throws Exception {
        sender.start(context.meters());
        LOG.info("splunk_hec output {}: sending to {}{}", id, target.uri(),
                indexerAck ? " with indexer acknowledgement on channel " + target.headers().get("X-Splunk-Request-Channel") : "");
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        if (batch.size() == 0) return SendResult.delivered();
        int[] all = IntStream.range(0, batch.size()).toArray();
        return delivery.deliver(batch, List.of(new BatchDelivery.Part(target, all)));
    }

    @Override
    public void close() {
        // nothing held between batches
    }
}
