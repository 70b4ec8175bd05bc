package io.sluice.outputs.http;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.template.FieldTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: http}: POSTs each batch, split by the rendered URI and headers, then by size, through
 * the HTTP batch core ({@link BatchDelivery}).
 */
final class HttpOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(HttpOutput.class);

    private final String id;
    private final FieldTemplate uri;
    private final Map<String, FieldTemplate> headers;
    private final HttpSender sender;
    private final BatchDelivery delivery;

    HttpOutput(String id, FieldTemplate uri, Map<String, FieldTemplate> headers, HttpSender sender,
               BatchDelivery delivery) {
        this.id = id;
        this.uri = uri;
        this.headers = headers;
        this.sender = sender;
        this.delivery = delivery;
    }

    @Override
    public void start(OutputContext context) throws Exception {
        delivery.start(context.meters());
        LOG.info("http output {}: posting to {} (auth: {})", id, uri, sender.auth());
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        if (batch.size() == 0) return SendResult.delivered();
        return delivery.deliver(batch, partition(batch));
    }

    /** Groups the events by rendered target, each group in batch order, groups in order of first event. */
    private List<BatchDelivery.Part> partition(SinkBatch batch) {
        if (uri.isConstant() && headers.values().stream().allMatch(FieldTemplate::isConstant)) {
            int[] all = new int[batch.size()];
            Arrays.setAll(all, i -> i);
            return List.of(new BatchDelivery.Part(target(batch, 0), all));
        }
        Map<BatchDelivery.Target, int[]> groups = new LinkedHashMap<>();
        Map<BatchDelivery.Target, Integer> sizes = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            BatchDelivery.Target t = target(batch, i);
            int n = sizes.getOrDefault(t, 0);
            int[] events = groups.computeIfAbsent(t, k -> new int[batch.size()]);
            events[n] = i;
            sizes.put(t, n + 1);
        }
        List<BatchDelivery.Part> parts = new ArrayList<>(groups.size());
        groups.forEach((t, events) -> parts.add(new BatchDelivery.Part(t, Arrays.copyOf(events, sizes.get(t)))));
        return parts;
    }

    private BatchDelivery.Target target(SinkBatch batch, int i) {
        Map<String, String> rendered = new LinkedHashMap<>();
        headers.forEach((name, value) -> rendered.put(name, value.render(batch.event(i))));
        return new BatchDelivery.Target(URI.create(uri.render(batch.event(i))), rendered);
    }

    @Override
    public void close() {
        // the JDK client closes idle connections itself; nothing is held between batches
    }
}
