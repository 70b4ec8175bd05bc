package io.sluice.daemon.cli;

import io.sluice.config.ConfigException;
import io.sluice.config.LoadedConfig;
import io.sluice.daemon.plugins.ShippedPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "validate",
        description = "Checks a pipeline config without starting it. Prints every problem as file:line: path: message.",
        footer = {"", "Exit status: 0 valid, 1 invalid.", "", "Example:", "  sluice validate -c pipeline.yaml"},
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the pipeline YAML file")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            LoadedConfig loaded = ConfigSource.load(config, ShippedPlugins.registry());
            ConfigSource.printWarnings(loaded, spec.commandLine().getErr());
            spec.commandLine().getOut().println(config + ": valid (" + loaded.config().inputs().size() + " inputs, "
                    + loaded.config().outputs().size() + " outputs, " + loaded.config().routes().size() + " routes)");
            spec.commandLine().getOut().flush();
            return Main.OK;
        } catch (ConfigException e) {
            ConfigSource.printProblems(e, spec.commandLine().getErr());
            return Main.CONFIG_INVALID;
        }
    }
}
