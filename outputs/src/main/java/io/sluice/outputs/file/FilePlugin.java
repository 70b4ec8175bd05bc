package io.sluice.outputs.file;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

/** {@code type: file}: schema v1 JSON lines appended to files, also the default dead-letter sink. */
public final class FilePlugin implements OutputPlugin {
    static final OptionType<PathTemplate> PATH_TEMPLATE =
            Types.text("file path, may name event fields in braces", PathTemplate::parse);

    static final Option<PathTemplate> PATH = Option.of("path", PATH_TEMPLATE).required()
            .doc("the file to append to, e.g. /var/log/sluice/{service.name}.ndjson; event fields in braces "
                    + "choose the file per event (a missing field gives 'unknown'; '/' and '..' in values are "
                    + "replaced, so events cannot write outside the directory before the first brace)")
            .build();
    static final Option<Integer> MAX_OPEN_FILES = Option.of("max_open_files", Types.INT).defaultValue(64)
            .check(v -> v >= 1 && v <= 65_536, "must be 1 to 65536")
            .doc("how many files a templated path keeps open; the least recently written is closed first")
            .build();
    static final Option<Boolean> FSYNC = Option.of("fsync", Types.BOOL).defaultValue(false)
            .doc("acknowledge a batch only after fsync; survives power loss, at a cost in throughput")
            .build();
    static final Option<Long> ROTATE_MAX_BYTES = Option.of("max_bytes", Types.BYTE_SIZE)
            .defaultValue(100L * 1024 * 1024).check(v -> v == 0 || v >= 1024, "must be 0 (no rotation) or at least 1KiB")
            .doc("rotate a file before it grows past this size; 0 never rotates").build();
    static final Option<Integer> ROTATE_KEEP = Option.of("keep", Types.INT).defaultValue(5)
            .check(v -> v >= 0 && v <= 1000, "must be 0 to 1000")
            .doc("how many rotated files (x.1 is the newest) to keep; 0 deletes a file when it rotates").build();
    static final Option<Options> ROTATE = Option.block("rotate",
                    OptionSpec.of("rotate", "size-based rotation", ROTATE_MAX_BYTES, ROTATE_KEEP))
            .doc("size-based rotation: x.ndjson is renamed x.ndjson.1, x.ndjson.1 becomes x.ndjson.2, and so on")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("file",
            "appends events as JSON lines to files; a batch is acknowledged once written (and fsynced with "
                    + "fsync: true); a full disk is retried; a partial last line left by a crash is cut off "
                    + "when a file is opened",
            PATH, MAX_OPEN_FILES, FSYNC, ROTATE);

    @Override
    public String type() {
        return "file";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options options) {
        Options rotate = options.get(ROTATE);
        Rotation rotation = rotate == null ? new Rotation(ROTATE_MAX_BYTES.defaultValue(), ROTATE_KEEP.defaultValue())
                : new Rotation(rotate.get(ROTATE_MAX_BYTES), rotate.get(ROTATE_KEEP));
        return new FileOutput(options.get(PATH), new OpenFiles(options.get(MAX_OPEN_FILES), rotation, options.get(FSYNC)));
    }
}
