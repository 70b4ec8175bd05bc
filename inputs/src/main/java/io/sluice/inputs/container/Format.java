package io.sluice.inputs.container;

import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.RecordFormats;
import io.sluice.api.schema.Timestamps;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.RecordSink;
import io.sluice.inputs.multiline.StackTraces;

import java.time.ZoneOffset;
import java.util.Locale;

/** The log file formats the container input reads; {@link #AUTO} is resolved per file from its first line. */
enum Format {
    AUTO(null), DOCKER("docker"), CRI("cri"), TEXT("auto");

    /** Decoders by name: a runtime's envelope (around the standard {@code auto} inside), and the standard ones. */
    private static final RecordFormats DECODERS = RecordFormats.STANDARD
            .with("docker", "Docker json-file lines", o -> () -> new DockerRecordDecoder(o))
            .with("cri", "CRI lines (containerd, CRI-O)", o -> () -> new CriRecordDecoder(o));

    /** The registry name a file of this format is decoded with: a plain text file's lines are read as {@code auto}. */
    private final String decoderFormat;

    Format(String decoderFormat) {
        this.decoderFormat = decoderFormat;
    }

    static Format parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }

    /** The format a file's first non-empty line shows. */
    static Format detect(byte[] b, int off, int len) {
        if (DockerJson.logContentStart(b, off, off + len) >= 0) return DOCKER;
        CriLine cri = new CriLine();
        if (cri.parse(b, off, len)
                && Timestamps.parse(b, off, cri.timeEnd - off, ZoneOffset.UTC) != Long.MIN_VALUE) {
            return CRI;
        }
        return TEXT;
    }

    /**
     * The longest physical line read whole: a container runtime's line wraps a record part in its own
     * fields and escapes (Docker writes 16 KiB chunks, escaped up to six times longer), so it gets
     * room beyond the record limit, which the assembler then applies to the joined text.
     */
    int lineLimit(int maxRecord) {
        return this == TEXT ? maxRecord : maxRecord + CONTAINER_LINE_SLACK;
    }

    private static final int CONTAINER_LINE_SLACK = 128 * 1024;

    /** Where the text sits in this format's records, for multiline joining; one per file (CRI keeps scratch state). */
    LineEnvelope envelope() {
        return switch (this) {
            case CRI -> new CriEnvelope();
            case DOCKER -> DockerEnvelope.INSTANCE;
            default -> LineEnvelope.PLAIN;
        };
    }

    RecordAssembler assembler(RecordSink out, int maxLength) {
        return switch (this) {
            case DOCKER -> new DockerAssembler(out, maxLength);
            case CRI -> new CriAssembler(out, maxLength);
            default -> new TextAssembler(out, maxLength);
        };
    }

    /** With multiline on, a joined stack trace is moved to {@code error.stack_trace} after decoding. */
    RecordDecoder.Factory decoder(DecodeOptions options, boolean multiline) {
        RecordDecoder.Factory base = decoder(options);
        return multiline ? StackTraces.after(base) : base;
    }

    RecordDecoder.Factory decoder(DecodeOptions options) {
        if (this == AUTO) throw new IllegalStateException("auto is resolved per file before decoding");
        return DECODERS.decoders(decoderFormat, options);
    }
}
