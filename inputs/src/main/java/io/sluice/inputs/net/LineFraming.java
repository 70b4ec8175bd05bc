package io.sluice.inputs.net;

import io.sluice.api.framing.HeldBytes;

import io.sluice.api.framing.LineDelimiters;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How every connection of a line-framed input cuts lines and what it may hold for its client: read
 * once per input, shared by its {@link LineFramingHandler}s (and by the syslog input's octet-counting
 * framer, which reads all but {@code delimiters}). Joining continuation lines is set on each
 * handler with {@link LineFramingHandler#joining}.
 *
 * @param maxLength          longest line passed on whole, in bytes
 * @param delimiters         the bytes that end a line
 * @param account            where the partial line and the event being joined are charged
 * @param partialLineTimeout a connection holding an unterminated line (or part of an octet-counted frame)
 *                           that sends nothing this long is closed and that part dropped; zero never closes
 * @param onTruncated        told once per cut line (a counter)
 * @param onPartialTimeout   told once per connection closed by {@code partialLineTimeout} (a counter)
 */
public record LineFraming(int maxLength, LineDelimiters delimiters, HeldBytes account,
                          Duration partialLineTimeout, Runnable onTruncated, Runnable onPartialTimeout) {
    /** Lines only: no joining, nothing charged, no timeout (a handler on its own, in tests and benchmarks). */
    public static LineFraming lines(int maxLength, LineDelimiters delimiters, Runnable onTruncated) {
        return new LineFraming(maxLength, delimiters, HeldBytes.UNLIMITED, Duration.ZERO, onTruncated, () -> { });
    }

    /** Held bytes charged to {@code held} instead. */
    public LineFraming chargedTo(HeldBytes held) {
        return new LineFraming(maxLength, delimiters, held, partialLineTimeout, onTruncated, onPartialTimeout);
    }

    /** Lines ended by {@code other} instead (one connection's choice, the rest shared with the input). */
    public LineFraming delimitedBy(LineDelimiters other) {
        return new LineFraming(maxLength, other, account, partialLineTimeout, onTruncated, onPartialTimeout);
    }

    /** The {@code partialLineTimeout} of one connection whose framer says what it holds and how to drop it. */
    public PartialRecordTimer partialRecordTimer(BooleanSupplier holdsPartial, Runnable dropPartial) {
        return new PartialRecordTimer(partialLineTimeout, onPartialTimeout, holdsPartial, dropPartial);
    }
}
