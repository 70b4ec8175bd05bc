package io.sluice.outputs.stdout;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.io.FileDescriptor;
import java.io.FileOutputStream;

/** {@code type: stdout}: events on the process's standard output, as JSON lines or readable text. */
public final class StdoutPlugin implements OutputPlugin {
    static final Option<String> FORMAT = Option.of("format", Types.oneOf("json", "text"))
            .defaultValue("json")
            .doc("json: one schema v1 JSON object per line; text: a readable one-line form for people "
                    + "(time, level, service, host, message, then key=value fields)")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("stdout",
            "writes events to standard output; Sluice's own diagnostics go to stderr, so stdout carries only events",
            FORMAT);

    @Override
    public String type() {
        return "stdout";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options options) {
        // The file descriptor, not System.out: the PrintStream synchronizes and swallows IOExceptions,
        // so a closed stdout would silently lose events.
        return new StdoutOutput(StdoutOutput.Format.of(options.get(FORMAT)), new FileOutputStream(FileDescriptor.out));
    }
}
