package io.sluice.api.schema;

import io.sluice.api.option.Option;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.RecordDecoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code format:} names an input accepts, each with the decoder it stands for and a line of doc:
 * the one place a format word becomes a {@link RecordDecoder}. {@link #STANDARD} holds the formats
 * every input reads; an input with formats of its own (Kafka's schema pass-through, container
 * runtimes' envelopes) derives its registry with {@link #with}. The option's allowed words and its
 * reference doc are generated from the registry, so a new format is one {@code with(...)} line.
 *
 * <p>Immutable: {@link #with} returns a new registry.
 */
public final class RecordFormats {
    /** Makes a format's decoder factory from the input's decode options. */
    @FunctionalInterface
    public interface DecoderMaker {
        RecordDecoder.Factory decoders(DecodeOptions options);
    }

    private record Format(String doc, DecoderMaker maker) {}

    /** The formats every input reads. */
    public static final RecordFormats STANDARD = new RecordFormats(Map.of())
            .with("auto", "a JSON object becomes structured fields, any other record is text",
                    o -> () -> parsedFirst(o, new JsonRecordDecoder(o, false)))
            .with("json", "every record must be a JSON object; one that is not is tagged `parse_failed`",
                    o -> () -> parsedFirst(o, new JsonRecordDecoder(o, true)))
            .with("text", "the whole record is the message",
                    o -> () -> parsedFirst(o, new TextRecordDecoder(o)));

    /** The {@code format} option of inputs that read the standard formats, default {@code auto}. */
    public static final Option<String> STANDARD_FORMAT = STANDARD.option("auto");

    private final Map<String, Format> formats;

    private RecordFormats(Map<String, Format> formats) {
        this.formats = formats;
    }

    /** A registry with {@code name} added, or replaced in place when it is already there. */
    public RecordFormats with(String name, String doc, DecoderMaker maker) {
        Map<String, Format> more = new LinkedHashMap<>(formats);
        more.put(name, new Format(doc, maker));
        return new RecordFormats(more);
    }

    /** The valid names, in registration order. */
    public List<String> names() {
        return List.copyOf(formats.keySet());
    }

    /** The decoder factory for {@code name}; the option built by {@link #option} has checked it exists. */
    public RecordDecoder.Factory decoders(String name, DecodeOptions options) {
        Format f = formats.get(name);
        if (f == null) throw new IllegalArgumentException("unknown format " + name + "; one of " + names());
        return f.maker().decoders(options);
    }

    /**
     * The input's user-defined parser, when it has one, in front of a standard format: the parser
     * reads each record first and the format reads what it does not match. Formats that read the application's
     * own line use it; an envelope format (a container runtime's) leaves it to the line inside.
     */
    public static RecordDecoder parsedFirst(DecodeOptions o, RecordDecoder format) {
        return o.parser() == null ? format : new ParsedRecordDecoder(o.parser(), format, o);
    }

    /** The {@code format} option: one of {@link #names()}, documented from each format's doc. */
    public Option<String> option(String defaultName) {
        if (!formats.containsKey(defaultName)) throw new IllegalArgumentException("unknown format " + defaultName);
        String each = formats.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` (" + e.getValue().doc() + ")")
                .collect(Collectors.joining(", "));
        return Option.of("format", Types.oneOf(names().toArray(String[]::new)))
                .defaultValue(defaultName)
                .doc("How each record is read: " + each + ".")
                .build();
    }
}
