package io.sluice.outputs.appinsights;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.HttpAuth;
import io.sluice.outputs.http.HttpCoreOptions;
import io.sluice.outputs.http.HttpCoreSettings;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.SingleTargetOutput;

import java.time.Clock;
import java.util.Map;

/** {@code type: application_insights}: events as Application Insights traces (MessageData), at least once. */
public final class AppInsightsPlugin implements OutputPlugin {
    static final Option<String> CONNECTION_STRING = Option.of("connection_string", Types.STRING).required()
            .check(ConnectionString::isValid, "must hold InstrumentationKey=<guid> and may hold IngestionEndpoint=https://...")
            .doc("the resource's connection string from the Azure portal; write ${APPLICATIONINSIGHTS_CONNECTION_STRING}")
            .build();
    static final Option<Long> MAX_REQUEST_BYTES = HttpCoreOptions.maxRequestBytes(1L << 20, "default 1MiB");

    static final OptionSpec SPEC = OptionSpec.of("application_insights",
            "sends events to Application Insights as traces through the track v2.1 endpoint",
            CONNECTION_STRING, MAX_REQUEST_BYTES, HttpCoreOptions.COMPRESSION, HttpCoreOptions.REQUEST_TIMEOUT,
            HttpCoreOptions.TLS_BLOCK);

    @Override
    public String type() {
        return "application_insights";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options o) {
        HttpCoreSettings core = HttpCoreSettings.withAuth(o, MAX_REQUEST_BYTES, HttpAuth.NONE);
        ConnectionString cs = ConnectionString.parse(o.get(CONNECTION_STRING));
        HttpSender sender = new HttpSender(id, core, Clock.systemUTC());
        BatchDelivery delivery = new BatchDelivery(sender, new TrackProtocol(new MessageEnvelopes(cs.instrumentationKey())),
                core.maxRequestBytes());
        return new SingleTargetOutput("application_insights", id, new BatchDelivery.Target(cs.trackUri(), Map.of()), sender,
                delivery);
    }
}
