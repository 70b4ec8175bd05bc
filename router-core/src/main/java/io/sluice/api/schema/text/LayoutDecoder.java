package io.sluice.api.schema.text;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.TextRecordDecoder;

import java.util.function.Function;

/**
 * The decoder of a text layout an input selected by name ({@code format: klog}, ...): a record in
 * another layout is kept as plain text and tagged {@code parse_failed}, like a non-JSON record under
 * {@code format: json}.
 */
public final class LayoutDecoder implements RecordDecoder {
    private final TextLayout layout;
    private final TextRecordDecoder text;
    private final String name;

    public LayoutDecoder(String name, TextLayout layout, DecodeOptions options) {
        this.name = name;
        this.layout = layout;
        this.text = new TextRecordDecoder(options);
    }

    /** A decoder factory for {@code RecordFormats}: one layout instance per worker. */
    public static Factory factory(String name, Function<DecodeOptions, TextLayout> layout, DecodeOptions options) {
        return () -> new LayoutDecoder(name, layout.apply(options), options);
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        if (!layout.parse(b, off, off + len, event)) text.decodeUnparsed(b, off, len, event, "not a " + name + " line");
    }
}
