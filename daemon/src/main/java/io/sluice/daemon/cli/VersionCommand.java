package io.sluice.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "version", description = "Prints the version.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(version());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return "sluice " + (v == null ? "development build" : v) + " (Java " + Runtime.version() + ")";
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }
}
