package io.sluice.daemon.plugins;

import io.sluice.api.plugin.BuiltInPlugins;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.plugin.TransformPlugin;
import io.sluice.core.transform.Dedupe;
import io.sluice.core.transform.Redact;
import io.sluice.core.transform.Remap;
import io.sluice.core.transform.Sample;
import io.sluice.core.transform.Throttle;
import io.sluice.inputs.container.ContainerInputPlugin;
import io.sluice.inputs.kafka.KafkaInputPlugin;
import io.sluice.inputs.kubernetes.KubernetesMetadataPlugin;
import io.sluice.inputs.otlp.OtlpInputPlugin;
import io.sluice.inputs.stdin.StdinInputPlugin;
import io.sluice.inputs.syslog.SyslogInputPlugin;
import io.sluice.inputs.tcp.TcpInputPlugin;
import io.sluice.outputs.appinsights.AppInsightsPlugin;
import io.sluice.outputs.azure.AzureLogsPlugin;
import io.sluice.outputs.blackhole.BlackholePlugin;
import io.sluice.outputs.elasticsearch.ElasticsearchPlugin;
import io.sluice.outputs.file.FilePlugin;
import io.sluice.outputs.http.HttpPlugin;
import io.sluice.outputs.kafka.KafkaOutputPlugin;
import io.sluice.outputs.otlp.OtlpOutputPlugin;
import io.sluice.outputs.splunk.SplunkHecPlugin;
import io.sluice.outputs.stdout.StdoutPlugin;

/**
 * The plugins the distribution ships, by type, so that a config naming only these starts without a
 * {@link java.util.ServiceLoader} scan of the class path (docs/performance.md, "Session 7: start-up").
 * A plugin added to a module's {@code META-INF/services} belongs here too; ShippedPluginsTest fails
 * until it is.
 *
 * <p>A switch rather than a map of constructor references: only the named plugin's class is loaded,
 * and no lambda class is spun per entry at start.
 */
public final class ShippedPlugins implements BuiltInPlugins {
    public static final ShippedPlugins INSTANCE = new ShippedPlugins();

    private ShippedPlugins() {}

    /** What every command uses: the shipped plugins first, the class path for any other type. */
    public static PluginRegistry registry() {
        return PluginRegistry.load(INSTANCE);
    }

    @Override
    public InputPlugin input(String type) {
        switch (type) {
            case "container": return new ContainerInputPlugin();
            case "kafka": return new KafkaInputPlugin();
            case "otlp": return new OtlpInputPlugin();
            case "stdin": return new StdinInputPlugin();
            case "syslog": return new SyslogInputPlugin();
            case "tcp": return new TcpInputPlugin();
            default: return null;
        }
    }

    @Override
    public OutputPlugin output(String type) {
        switch (type) {
            case "application_insights": return new AppInsightsPlugin();
            case "azure_logs_ingestion": return new AzureLogsPlugin();
            case "blackhole": return new BlackholePlugin();
            case "elasticsearch": return new ElasticsearchPlugin();
            case "file": return new FilePlugin();
            case "http": return new HttpPlugin();
            case "kafka": return new KafkaOutputPlugin();
            case "otlp": return new OtlpOutputPlugin();
            case "splunk_hec": return new SplunkHecPlugin();
            case "stdout": return new StdoutPlugin();
            default: return null;
        }
    }

    @Override
    public TransformPlugin transform(String type) {
        switch (type) {
            case "dedupe": return new Dedupe();
            case "kubernetes_metadata": return new KubernetesMetadataPlugin();
            case "redact": return new Redact();
            case "remap": return new Remap();
            case "sample": return new Sample();
            case "throttle": return new Throttle();
            default: return null;
        }
    }
}
