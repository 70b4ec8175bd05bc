package io.sluice.api.schema;

/**
 * The schema field (or decoding role) a record's key fills; {@link KeyTable} maps the keys of every
 * recognized shape to one of these. The simple text and number slots are stored by ordinal in the
 * decoder, so adding a field is one constant here, one line in the table and one in the decoder's
 * {@code applyTo}.
 */
enum Slot {
    // text slots: first string value wins
    LOGGER, THREAD, ORIGIN_FILE, ORIGIN_FUNCTION, SERVICE, SERVICE_VERSION, SERVICE_ENVIRONMENT, DATASET, HOST,
    ERROR_MESSAGE, ERROR_TYPE, ERROR_STACK,
    /** Where an error was thrown, {@code path:line}: PHP Monolog's normalized exception's {@code file} */
    ERROR_FILE,
    /**
     * The message only when the record has no primary message key: GELF's {@code full_message},
     * structlog's {@code event}, OpenTelemetry's {@code body}, words an application may also use for
     * something else; else kept under attributes
     */
    SECONDARY_MESSAGE,
    /**
     * loguru's {@code text} (with {@code serialize=True}): its sink's rendering of the record beside it,
     * the formatted line and, after an exception, the traceback. The message only when the record has
     * none; else only the traceback is kept, as {@code error.stack_trace}
     */
    RENDERED_TEXT,
    /** Serilog CLEF's {@code @mt}: rendered with the record's properties when there is no {@code @m} */
    MESSAGE_TEMPLATE,
    // number slots: first integer value wins
    PID, ORIGIN_LINE, EPOCH_SECOND, NANO_OF_SECOND,
    // slots with their own handling in the decoder
    MESSAGE, TIME, LEVEL, TRACE, SPAN, TRACEPARENT,
    /** {@code file:line} (zap, zerolog and logrus callers) */
    CALLER,
    /**
     * {@code exception}: a stack trace as text (structlog's {@code format_exc_info}), or structlog's
     * {@code dict_tracebacks} array, rendered as Python prints it (an object is read as an error container)
     */
    EXCEPTION,
    /**
     * {@code stack}: a stack trace as text (pino's and bunyan's {@code err.stack}), or zerolog's
     * {@code Stack()} array of {@code {"func","line","source"}} frames (pkgerrors' {@code MarshalStack}),
     * rendered as Go prints a trace
     */
    STACK,
    /** log4j2 JsonLayout's {@code thrown.extendedStackTrace}: an array of frames rendered as a stack trace */
    STACK_FRAMES,
    /** PHP Monolog's normalized exception's {@code trace}: an array of {@code path:line} frames */
    PHP_FRAMES,
    /** A key whose value Sluice writes itself ({@code ecs.version}): read and dropped */
    DROP;

    static final int TEXT_SLOTS = MESSAGE_TEMPLATE.ordinal() + 1;
    static final int NUMBER_BASE = PID.ordinal();
    static final int NUMBER_SLOTS = NANO_OF_SECOND.ordinal() - NUMBER_BASE + 1;

    boolean isText() {
        return ordinal() < TEXT_SLOTS;
    }

    boolean isNumber() {
        return ordinal() >= NUMBER_BASE && ordinal() < NUMBER_BASE + NUMBER_SLOTS;
    }
}
