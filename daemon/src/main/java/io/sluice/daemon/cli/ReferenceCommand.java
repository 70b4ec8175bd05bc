package io.sluice.daemon.cli;

import io.sluice.config.ConfigReference;
import io.sluice.daemon.plugins.ShippedPlugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "config-reference", mixinStandardHelpOptions = true,
        description = "Prints the configuration reference (Markdown), generated from every plugin's option spec.")
final class ReferenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ConfigReference.markdown(ShippedPlugins.registry()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
