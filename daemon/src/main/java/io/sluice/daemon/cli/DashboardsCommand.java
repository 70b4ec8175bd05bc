package io.sluice.daemon.cli;

import io.sluice.daemon.observability.SluiceObservability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Writes Sluice's Grafana dashboard (" + SluiceObservability.DASHBOARD_FILE + ") and Prometheus alert rules ("
                + SluiceObservability.RULES_FILE + ") into a directory.",
        footer = {"", "Example:", "  sluice dashboards --out /etc/prometheus/sluice"})
final class DashboardsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "directory to write into (created if missing)")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        for (Map.Entry<String, String> f : SluiceObservability.files().entrySet()) {
            Path file = out.resolve(f.getKey());
            Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            spec.commandLine().getOut().println(file);
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
