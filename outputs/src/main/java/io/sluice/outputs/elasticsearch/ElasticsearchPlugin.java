package io.sluice.outputs.elasticsearch;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.tls.ClientTls;

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

    /** From options bound by {@link ElasticsearchOptions#SPEC}, whose rules leave one target, one auth method and one trust. */
    @Override
    public Output create(String id, Options o) {
        Auth auth = Auth.from(o.get(ElasticsearchOptions.AUTH_BLOCK));
        boolean toIndex = o.isSet(ElasticsearchOptions.INDEX);
        ClientTls tls = ClientTls.from(o.get(ElasticsearchOptions.TLS_BLOCK));
        TargetTemplate target = o.get(toIndex ? ElasticsearchOptions.INDEX : ElasticsearchOptions.DATA_STREAM);
        Connection.Settings settings = new Connection.Settings(o.get(ElasticsearchOptions.HOSTS), auth, tls,
                o.get(ElasticsearchOptions.CONCURRENCY),
                o.get(ElasticsearchOptions.REQUEST_TIMEOUT));
        return new ElasticsearchOutput(id, settings, target, !toIndex, o.get(ElasticsearchOptions.MANAGE_TEMPLATE));
    }
}
