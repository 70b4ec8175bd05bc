package io.sluice.api.schema.text;

import io.sluice.api.event.LogEvent;

/**
 * One plain-text log layout, read on bytes. A layout checks the whole shape of the first line before
 * it writes anything: when it answers false the event is untouched, so the caller can try another
 * layout or fall back to plain text. The message runs to the end of the record, so the lines a
 * multiline rule joined (a stack trace) stay in it. One instance per worker thread.
 */
public interface TextLayout {
    boolean parse(byte[] b, int off, int end, LogEvent event);
}
