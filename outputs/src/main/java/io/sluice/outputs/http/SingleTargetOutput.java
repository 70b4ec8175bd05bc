package io.sluice.outputs.http;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.IntStream;

/** An HTTP output whose every batch goes to one target (a vendor's ingestion endpoint). */
public final class SingleTargetOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(SingleTargetOutput.class);

    private final String type;
    private final String id;
    private final BatchDelivery.Target target;
    private final HttpSender sender;
    private final BatchDelivery delivery;

    public SingleTargetOutput(String type, String id, BatchDelivery.Target target, HttpSender sender, BatchDelivery delivery) {
        this.type = type;
        this.id = id;
        this.target = target;
        this.sender = sender;
        this.delivery = delivery;
    }

    @Override
    public void start(OutputContext context) throws Exception {
        delivery.start(context.meters());
        LOG.info("{} output {}: sending to {} (auth: {})", type, id, target.uri(), sender.auth());
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        if (batch.size() == 0) return SendResult.delivered();
        int[] all = IntStream.range(0, batch.size()).toArray();
        return delivery.deliver(batch, List.of(new BatchDelivery.Part(target, all)));
    }

    @Override
    public void close() {
        // the JDK client closes idle connections itself; nothing is held between batches
    }
}
