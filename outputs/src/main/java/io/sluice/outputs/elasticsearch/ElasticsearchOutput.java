package io.sluice.outputs.elasticsearch;

import io.micrometer.core.instrument.Counter;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;

/**
 * Writes batches to Elasticsearch as bulk {@code create} requests built from the events' encoded
 * JSON bytes (no second serialization). With a document id per event, {@code create} makes
 * retries and replays harmless: a 409 means an earlier attempt already wrote the document.
 * Per-item outcomes come back as a {@link SendResult}; whole-request failures as exceptions
 * (see {@link RequestFailures}). The core owns retries: this class never sleeps or loops.
 *
 * <p>{@link #send} is safe to call from {@link #concurrency()} threads at once.
 */
final class ElasticsearchOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchOutput.class);

    private final String id;
    private final Connection.Settings settings;
    private final TargetTemplate target;
    private final boolean dataStream;
    private final boolean manageTemplate;
    private final String where;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private volatile Connection connection;
    private volatile Counter duplicates;

    /**
     * Per sending thread, reused across batches: the action lines (about 80 bytes an event; the events'
     * JSON is read from the batch, see {@link BulkBody}), where each ends, and the id hasher.
     */
    private static final class Scratch {
        final JsonBytes actions = new JsonBytes(16 * 1024);
        int[] actionEnds = new int[256];
        final DocumentIds ids = new DocumentIds();
    }

    ElasticsearchOutput(String id, Connection.Settings settings, TargetTemplate target, boolean dataStream,
                        boolean manageTemplate) {
        this.id = id;
        this.settings = settings;
        this.target = target;
        this.dataStream = dataStream;
        this.manageTemplate = manageTemplate;
        this.where = String.join(",", settings.hosts());
    }

    @Override
    public void start(OutputContext context) throws Exception {
        Connection c;
        try {
            c = new Connection(settings);
        } catch (IOException e) {
            throw new ElasticsearchSinkException("elasticsearch output " + id + ": " + e.getMessage(), e);
        }
        try {
            c.client().cluster().health(h -> h);
            if (manageTemplate) installTemplate(c);
        } catch (RuntimeException | IOException e) {
            c.close();
            throw RequestFailures.ofClient(e, where, settings.auth());
        }
        duplicates = Counter.builder("sluice.output.elasticsearch.duplicates")
                .description("documents already indexed (409 on create): replays and retries after a lost answer")
                .tag("output", id).register(context.meters());
        connection = c;
        LOG.info("elasticsearch output {}: connected to {} (auth: {}), writing to {} {}", id, where, settings.auth(),
                dataStream ? "data stream" : "index", target);
    }

    private void installTemplate(Connection c) throws IOException {
        IndexTemplate template = new IndexTemplate(target, dataStream);
        try {
            c.client().indices().putIndexTemplate(t -> t.name(template.name()).withJson(new StringReader(template.body())));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (e.status() != 400) throw e;
            // a cluster without the wildcard and mapper-extras modules (a minimal distribution) refuses ECS's
            // wildcard and match_only_text types: install the same fields as keyword and text instead
            LOG.warn("elasticsearch output {}: the cluster refused ECS's wildcard/match_only_text field types ({}); "
                    + "installing index template {} with keyword and text instead", id, e.getMessage(), template.name());
            c.client().indices().putIndexTemplate(t -> t.name(template.name())
                    .withJson(new StringReader(template.body(IndexTemplate.FieldTypes.BASIC))));
        }
        LOG.info("elasticsearch output {}: index template {} installed for {}", id, template.name(), template.pattern());
    }

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        Connection c = connection;
        if (c == null) throw new IllegalStateException("elasticsearch output " + id + " not started");
        if (batch.size() == 0) return SendResult.delivered();
        Scratch s = scratch.get();
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", BulkResponseReader.FILTER_PATH);
        request.setEntity(bulkBody(batch, s));
        Response response;
        try {
            response = c.rest().performRequest(request);
        } catch (IOException e) {
            throw RequestFailures.of(e, where, settings.auth());
        }
        try (InputStream in = response.getEntity().getContent()) {
            return BulkResponseReader.read(in, batch.size(), duplicates);
        }
    }

    /** One action line and the event's own bytes per event; NDJSON, ending in a newline. */
    private BulkBody bulkBody(SinkBatch batch, Scratch s) {
        JsonBytes actions = s.actions;
        actions.reset();
        if (s.actionEnds.length < batch.size()) s.actionEnds = new int[batch.size()];
        TargetTemplate.Renderer names = target.renderer();
        for (int i = 0; i < batch.size(); i++) {
            actions.ascii("{\"create\":{\"_index\":").string(names.render(batch.event(i)))
                    .ascii(",\"_id\":").string(s.ids.idOf(batch, i)).ascii("}}\n");
            s.actionEnds[i] = actions.length();
        }
        return new BulkBody(batch, actions.array(), s.actionEnds);
    }

    @Override
    public int concurrency() {
        return settings.concurrency();
    }

    @Override
    public void close() throws Exception {
        Connection c = connection;
        connection = null;
        if (c != null) c.close();
    }
}
