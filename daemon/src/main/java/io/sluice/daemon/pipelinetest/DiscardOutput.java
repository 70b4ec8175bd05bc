package io.sluice.daemon.pipelinetest;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

/** Stands in for every configured output during {@code sluice test}: nothing is written anywhere. */
final class DiscardOutput implements Output {
    @Override
    public void start(OutputContext context) {}

    @Override
    public SendResult send(SinkBatch batch) {
        return SendResult.delivered();
    }

    @Override
    public void close() {}
}
