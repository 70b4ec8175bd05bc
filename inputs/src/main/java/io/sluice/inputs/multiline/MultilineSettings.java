package io.sluice.inputs.multiline;

import io.sluice.api.framing.HeldBytes;

import java.time.Duration;
import com.google.re2j.Pattern;

/**
 * How continuation lines are joined, read once from a {@code multiline} block.
 *
 * @param mode         {@code java}, {@code python}, {@code go}, {@code dotnet}, or {@code pattern} when a start pattern is given
 * @param startPattern a line matching it starts an event (null for the built-in modes)
 * @param flushTimeout how long a stream input's joined event waits for its next line
 */
public record MultilineSettings(String mode, Pattern startPattern, int maxLines, int maxBytes, Duration flushTimeout) {
    public MultilineRule newRule() {
        return MultilineRule.create(mode, startPattern);
    }

    /** A joiner for one file or connection, sending what it joins to {@code out}. */
    public MultilineJoiner joiner(RecordSink out, LineEnvelope envelope) {
        return joiner(out, envelope, HeldBytes.UNLIMITED);
    }

    /** A joiner whose events being joined are charged to {@code account}. */
    public MultilineJoiner joiner(RecordSink out, LineEnvelope envelope, HeldBytes account) {
        return new MultilineJoiner(out, envelope, this::newRule, maxLines, maxBytes, account);
    }
}
