package io.sluice.outputs.azure;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.HttpAuth;
import io.sluice.outputs.http.HttpCoreSettings;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.SingleTargetOutput;
import io.sluice.outputs.http.TokenSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** {@code type: azure_logs_ingestion}: Azure Monitor's Logs Ingestion API, at least once. */
public final class AzureLogsPlugin implements OutputPlugin {
    static final String API_VERSION = "2023-01-01";
    static final String RESOURCE = "https://monitor.azure.com";

    @Override
    public String type() {
        return "azure_logs_ingestion";
    }

    @Override
    public OptionSpec options() {
        return AzureLogsOptions.SPEC;
    }

    @Override
    public Output create(String id, Options o) {
        HttpCoreSettings core = HttpCoreSettings.withAuth(o, AzureLogsOptions.MAX_REQUEST_BYTES, credential(o));
        URI uri = URI.create(o.get(AzureLogsOptions.ENDPOINT).replaceAll("/$", "") + "/dataCollectionRules/"
                + o.get(AzureLogsOptions.RULE_ID) + "/streams/" + o.get(AzureLogsOptions.STREAM) + "?api-version=" + API_VERSION);
        HttpSender sender = new HttpSender(id, core, Clock.systemUTC());
        BatchDelivery delivery = new BatchDelivery(sender, new LogsIngestionBodies(), core.maxRequestBytes());
        return new SingleTargetOutput("azure_logs_ingestion", id, new BatchDelivery.Target(uri, Map.of()), sender, delivery);
    }

    /** The token source {@code credential} names; the options it needs are the spec's rules. */
    private static HttpAuth credential(Options o) {
        String kind = o.get(AzureLogsOptions.CREDENTIAL);
        String clientId = o.get(AzureLogsOptions.CLIENT_ID);
        if ("managed_identity".equals(kind)) {
            return TokenSource.managedIdentity(URI.create(o.get(AzureLogsOptions.IMDS_ENDPOINT)), RESOURCE, clientId,
                    Clock.systemUTC());
        }
        String tenant = o.get(AzureLogsOptions.TENANT_ID);
        URI tokenUrl = URI.create(o.get(AzureLogsOptions.AUTHORITY).replaceAll("/$", "") + "/" + tenant + "/oauth2/v2.0/token");
        String scope = RESOURCE + "//.default";
        return "workload_identity".equals(kind)
                ? TokenSource.workloadIdentity(tokenUrl, clientId, Path.of(o.get(AzureLogsOptions.FEDERATED_TOKEN_FILE)), scope, Clock.systemUTC())
                : TokenSource.clientCredentials(tokenUrl, clientId, o.get(AzureLogsOptions.CLIENT_SECRET), scope, Clock.systemUTC());
    }
}
