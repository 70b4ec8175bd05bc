package io.sluice.outputs.http;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code type: http}: batches of JSON events POSTed to any HTTP endpoint, at least once. */
public final class HttpPlugin implements OutputPlugin {
    @Override
    public String type() {
        return "http";
    }

    @Override
    public OptionSpec options() {
        return HttpOutputOptions.SPEC;
    }

    @Override
    public Output create(String id, Options o) {
        HttpCoreSettings core = HttpCoreSettings.from(o, HttpOutputOptions.MAX_REQUEST_BYTES);
        Set<Integer> retryOn = o.get(HttpOutputOptions.RETRY_ON).stream().map(Integer::valueOf).collect(Collectors.toSet());
        JsonBodies bodies = new JsonBodies("json_array".equals(o.get(HttpOutputOptions.FORMAT)),
                o.get(HttpOutputOptions.IDEMPOTENCY_KEY), new GenericStatuses(retryOn));
        // a URI template with a literal http:// prefix renders http:// URIs only
        HttpSender sender = new HttpSender(id, core, Clock.systemUTC(), o.get(HttpOutputOptions.URI).literal(0).startsWith("http://"));
        return new HttpOutput(id, o.get(HttpOutputOptions.URI), o.get(HttpOutputOptions.HEADERS), sender,
                new BatchDelivery(sender, bodies, core.maxRequestBytes()));
    }
}
