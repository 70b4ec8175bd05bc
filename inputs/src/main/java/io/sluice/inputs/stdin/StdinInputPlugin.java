package io.sluice.inputs.stdin;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.schema.RecordFormats;
import io.sluice.inputs.multiline.MultilineOptions;
import io.sluice.api.framing.FramingOptions;

/** {@code type: stdin}: lines from standard input; the input finishes at end of input. */
public final class StdinInputPlugin implements InputPlugin {
    private static final OptionSpec SPEC = OptionSpec.of("stdin",
            "Reads lines from standard input; at end of input it drains and finishes, and the daemon exits "
                    + "when every input has finished.", RecordFormats.STANDARD_FORMAT, RecordFormats.TIMEZONE,
            FramingOptions.MAX_LINE_BYTES, MultilineOptions.STREAM_BLOCK);

    @Override
    public String type() {
        return "stdin";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new StdinInput(id, options.get(FramingOptions.MAX_LINE_BYTES).intValue(), options.get(RecordFormats.STANDARD_FORMAT),
                StdinInput::processStdin).joining(MultilineOptions.streamSettings(options.get(MultilineOptions.STREAM_BLOCK)))
                .readingTimesIn(options.get(RecordFormats.TIMEZONE));
    }
}
