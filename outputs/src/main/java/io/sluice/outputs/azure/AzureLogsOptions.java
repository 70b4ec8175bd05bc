package io.sluice.outputs.azure;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;
import io.sluice.outputs.http.HttpCoreOptions;

/** The options of {@code type: azure_logs_ingestion}. */
final class AzureLogsOptions {
    private AzureLogsOptions() {}

    static final Option<String> ENDPOINT = Option.of("endpoint", Types.STRING).required()
            .check(t -> t.matches("https?://[^/]+/?"), "must be the endpoint URL with no path, e.g. https://my-dce.westeurope-1.ingest.monitor.azure.com")
            .doc("the data collection endpoint (or the rule's own logs ingestion endpoint)").build();
    static final Option<String> RULE_ID = Option.of("rule_id", Types.STRING).required()
            .check(t -> t.matches("dcr-[0-9a-fA-F]{32}"), "must be a data collection rule immutable id: dcr- and 32 hex digits")
            .doc("the data collection rule's immutable id (dcr-...)").build();
    static final Option<String> STREAM = Option.of("stream", Types.STRING).required()
            .check(t -> t.matches("(Custom|Microsoft)-[A-Za-z0-9_]+"), "must be a stream name such as Custom-SluiceLogs_CL")
            .doc("the stream declared in the rule, e.g. Custom-SluiceLogs_CL").build();
    static final Option<String> CREDENTIAL = Option.of("credential",
                    Types.oneOf("client_secret", "workload_identity", "managed_identity"))
            .defaultValue("client_secret")
            .doc("how the Entra token is obtained: an app registration's secret, AKS workload identity (a federated"
                    + " token file), or the managed identity of the VM or pod host")
            .build();
    static final Option<String> TENANT_ID = Option.of("tenant_id", Types.STRING)
            .doc("the Entra tenant (client_secret and workload_identity)").build();
    static final Option<String> CLIENT_ID = Option.of("client_id", Types.STRING)
            .doc("the application (client) id; with managed_identity, picks a user-assigned identity").build();
    static final Option<String> CLIENT_SECRET = Option.of("client_secret", Types.STRING)
            .doc("the client secret; write ${AZURE_CLIENT_SECRET}").build();
    static final Option<String> FEDERATED_TOKEN_FILE = Option.of("federated_token_file", Types.STRING)
            .defaultValue("/var/run/secrets/azure/tokens/azure-identity-token")
            .doc("workload_identity: the projected service account token (AZURE_FEDERATED_TOKEN_FILE), re-read per token").build();
    static final Option<String> AUTHORITY = Option.of("authority", Types.STRING)
            .defaultValue("https://login.microsoftonline.com")
            .doc("the Entra authority (another for sovereign clouds)").build();
    static final Option<String> IMDS_ENDPOINT = Option.of("imds_endpoint", Types.STRING)
            .defaultValue("http://169.254.169.254/metadata/identity/oauth2/token")
            .doc("managed_identity: the instance metadata token endpoint").build();
    static final Option<Long> MAX_REQUEST_BYTES = HttpCoreOptions.maxRequestBytes(1_000_000L,
            "default 1000000, the API's 1 MB per call");

    static final OptionSpec SPEC = OptionSpec.of("azure_logs_ingestion",
            "sends events to Azure Monitor Logs (Log Analytics) through the Logs Ingestion API 2023-01-01",
            ENDPOINT, RULE_ID, STREAM, CREDENTIAL, TENANT_ID, CLIENT_ID, CLIENT_SECRET, FEDERATED_TOKEN_FILE, AUTHORITY,
            IMDS_ENDPOINT, MAX_REQUEST_BYTES, HttpCoreOptions.COMPRESSION, HttpCoreOptions.REQUEST_TIMEOUT,
            HttpCoreOptions.TLS_BLOCK)
            .rule(OptionRule.of("`credential` client_secret or workload_identity requires `tenant_id` and `client_id`",
                            "the client_secret and workload_identity credentials need tenant_id and client_id",
                            o -> "managed_identity".equals(o.get(CREDENTIAL)) || o.isSet(TENANT_ID) && o.isSet(CLIENT_ID),
                            TENANT_ID, CLIENT_ID, CREDENTIAL),
                    OptionRule.of("`credential` client_secret (the default) requires `client_secret`",
                            "the client_secret credential needs client_secret",
                            o -> !"client_secret".equals(o.get(CREDENTIAL)) || o.isSet(CLIENT_SECRET),
                            CLIENT_SECRET, CREDENTIAL),
                    // each of these would be silently ignored under another credential: say so at its line
                    onlyWith(CLIENT_SECRET, "client_secret"), onlyWith(FEDERATED_TOKEN_FILE, "workload_identity"),
                    onlyWith(IMDS_ENDPOINT, "managed_identity"));

    private static OptionRule onlyWith(Option<?> option, String credential) {
        return OptionRule.of("`" + option.name() + "` requires `credential: " + credential + "`",
                option.name() + " applies only with credential: " + credential,
                o -> !o.isSet(option) || credential.equals(o.get(CREDENTIAL)), CREDENTIAL, option);
    }
}
