package io.sluice.inputs.container;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.framing.FramingOptions;
import io.sluice.api.schema.RecordFormats;
import io.sluice.inputs.multiline.MultilineOptions;

import java.time.Duration;
import java.util.List;

/** {@code type: container}: tails Docker json-file, CRI and plain text log files. */
public final class ContainerInputPlugin implements InputPlugin {
    public static final Option<List<String>> PATHS = Option.of("paths", Types.STRING_LIST)
            .defaultValue(List.of("/var/log/containers/*.log"))
            .check(l -> !l.isEmpty(), "must name at least one glob")
            .doc("Globs of the files to tail (`*` within a directory, `**` across directories). "
                    + "New files are picked up within a second.").build();
    public static final Option<List<String>> EXCLUDE = Option.of("exclude", Types.STRING_LIST)
            .defaultValue(List.of())
            .doc("Globs of files to leave out, matched against the whole path and against the file name "
                    + "(e.g. `*.gz`).").build();
    public static final Option<String> FORMAT = Option.of("format", Types.oneOf("auto", "docker", "cri", "text"))
            .defaultValue("auto")
            .doc("`docker` (json-file), `cri` (containerd, CRI-O), `text` (one line, one event), or `auto` to "
                    + "detect it per file from its first line. Inside a record, a JSON line from the application "
                    + "becomes structured fields.").build();
    public static final Option<String> READ_FROM = Option.of("read_from", Types.oneOf("beginning", "end"))
            .defaultValue("beginning")
            .doc("Where to start files found at the first start that have no checkpoint. Files that appear "
                    + "later are always read from the beginning.").build();
    public static final Option<Duration> FLUSH_TIMEOUT = Option.of("flush_timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> !d.isNegative(), "must not be negative")
            .doc("How long a partial record (a split line whose continuation has not been written yet, or a "
                    + "multiline event) waits for more before it is sent as it is.").build();
    public static final Option<Duration> ROTATE_WAIT = Option.of("rotate_wait", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> !d.isNegative(), "must not be negative")
            .doc("How long a file that was rotated away or deleted is still read (a writer may finish "
                    + "writing to it) before it is released; it is always read to its end first.").build();
    public static final Option<Integer> MAX_OPEN_FILES = Option.of("max_open_files", Types.INT)
            .defaultValue(1024)
            .check(v -> v >= 1, "must be at least 1")
            .doc("Open file descriptors at most; beyond it, idle files are closed and reopened at their "
                    + "position when they grow.").build();

    public static final Option<Duration> SHUTDOWN_ACK_WAIT = Option.of("shutdown_ack_wait", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(5))
            .check(d -> !d.isNegative(), "must not be negative")
            .doc("When stopping, how long to wait for sinks to acknowledge what was already read before the "
                    + "checkpoints are stored for the last time; what is not acknowledged by then is read again "
                    + "after a restart.").build();
    private static final OptionSpec SPEC = OptionSpec.of("container",
            "Tails container log files (Docker json-file, CRI) and plain text files through rotation; "
                    + "checkpoints in the data dir advance only when every sink has acknowledged. With a "
                    + "`kubernetes_metadata` transform in the pipeline, a pod's `sluice.io/multiline: <mode>` annotation "
                    + "(`java`, `python`, `go`, `dotnet`, `none`) takes the place of `multiline` for the pod's files.",
            PATHS, EXCLUDE, FORMAT, RecordFormats.TIMEZONE, READ_FROM, FramingOptions.MAX_LINE_BYTES, FLUSH_TIMEOUT, ROTATE_WAIT, MAX_OPEN_FILES, SHUTDOWN_ACK_WAIT, MultilineOptions.FILE_BLOCK);

    @Override
    public String type() {
        return "container";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new ContainerInput(id, settings(options));
    }

    static TailSettings settings(Options o) {
        return new TailSettings(o.get(PATHS), o.get(EXCLUDE), Format.parse(o.get(FORMAT)),
                o.get(READ_FROM).equals("end"), o.get(FramingOptions.MAX_LINE_BYTES).intValue(), o.get(FLUSH_TIMEOUT),
                o.get(ROTATE_WAIT), o.get(MAX_OPEN_FILES), Duration.ofSeconds(1), MultilineOptions.settings(o.get(MultilineOptions.FILE_BLOCK), o.get(FLUSH_TIMEOUT)),
                o.get(SHUTDOWN_ACK_WAIT),
                mode -> MultilineOptions.preset(mode, o.get(MultilineOptions.FILE_BLOCK), o.get(FLUSH_TIMEOUT)),
                o.get(RecordFormats.TIMEZONE));
    }
}
