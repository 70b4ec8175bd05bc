package io.sluice.outputs.elasticsearch;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.tls.ClientTls;

import java.util.ArrayList;
import java.util.List;

/** {@code type: elasticsearch}: bulk writes to a data stream or dated indices, exactly once per document id. */
public final class ElasticsearchPlugin implements OutputPlugin {
    @Override
    public String type() {
        return "elasticsearch";
    }

    @Override
    public OptionSpec options() {
        return ElasticsearchOptions.SPEC;
    }

    @Override
    public Output create(String id, Options o) {
        List<String> problems = new ArrayList<>();
        Auth auth = Auth.from(o.get(ElasticsearchOptions.AUTH_BLOCK), problems);
        boolean toIndex = o.isSet(ElasticsearchOptions.INDEX);
        if (toIndex && o.isSet(ElasticsearchOptions.DATA_STREAM)) {
            problems.add("data_stream and index exclude each other: write to a data stream or to indices");
        }
        ClientTls tls = ClientTls.from(o.get(ElasticsearchOptions.TLS_BLOCK));
        tls.check(problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("output " + id + ": " + String.join("; ", problems));
        }
        TargetTemplate target = o.get(toIndex ? ElasticsearchOptions.INDEX : ElasticsearchOptions.DATA_STREAM);
        Connection.Settings settings = new Connection.Settings(o.get(ElasticsearchOptions.HOSTS), auth, tls,
                o.get(ElasticsearchOptions.CONCURRENCY),
                o.get(ElasticsearchOptions.REQUEST_TIMEOUT));
        return new ElasticsearchOutput(id, settings, target, !toIndex, o.get(ElasticsearchOptions.MANAGE_TEMPLATE));
    }
}
