package io.sluice.daemon.cli;

import io.sluice.core.buffer.BufferReport;
import io.sluice.core.buffer.DiskBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "buffer", mixinStandardHelpOptions = true,
        description = "Looks into (or repairs) a sink's disk buffer: <data_dir>/outputs/<output id>/buffer.",
        subcommands = {BufferCommand.Inspect.class, BufferCommand.Repair.class},
        footer = {"", "Examples:", "  sluice buffer inspect data/outputs/search/buffer",
                "  sluice buffer repair data/outputs/search/buffer     (stop Sluice first)"})
final class BufferCommand {
    private interface Tool {
        BufferReport run(Path dir) throws java.io.IOException;
    }

    private static int report(Path dir, CommandSpec spec, Tool tool, java.util.function.Predicate<BufferReport> ok)
            throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println(dir + ": no such buffer directory");
            spec.commandLine().getErr().flush();
            return Main.USAGE;
        }
        BufferReport r = tool.run(dir);
        spec.commandLine().getOut().print(r.format());
        spec.commandLine().getOut().flush();
        return ok.test(r) ? Main.OK : 1;
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Segments, records, bytes, oldest and newest event time, damage found. Changes nothing.",
            footer = {"", "Exit status: 0 clean, 1 damage or problems found, 2 no such buffer."})
    static final class Inspect implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return report(dir, spec, DiskBuffer::inspect, BufferReport::clean);
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Truncates a torn tail, moves damaged ranges to a quarantine file beside the segments, "
                    + "and leaves every intact record in place. Refuses while a running Sluice holds the buffer.",
            footer = {"", "Exit status: 0 repaired or nothing to repair, 1 could not repair, 2 no such buffer."})
    static final class Repair implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR") Path dir;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return report(dir, spec, DiskBuffer::repair, r -> r.problems().isEmpty());
        }
    }
}
