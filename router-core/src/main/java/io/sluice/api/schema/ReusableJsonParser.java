package io.sluice.api.schema;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonReadContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

/**
 * Jackson's UTF-8 byte parser, pointed at a new record instead of being created per record. A new
 * parser per record was the largest allocation of the S1 path (the parser, its I/O context, text
 * buffer and read contexts: about 600 of 1,360 bytes per event, JMH {@code -prof gc}). Jackson has no
 * public reset, so {@link #reset} sets the protected fields its constructor sets; the parser is never
 * closed (closing would hand its buffers back to the recycler). One per decoder, so one per worker
 * thread. Offsets stay relative to the record's start, as for a parser created over {@code (b, off, len)}.
 */
final class ReusableJsonParser extends UTF8StreamJsonParser {
    private final JsonReadContext root;

    ReusableJsonParser(IOContext context, int features, ByteQuadsCanonicalizer symbols) {
        super(context, features, null, null, symbols, new byte[0], 0, 0, 0, false);
        this.root = _parsingContext;
    }

    /** Starts parsing {@code b[off, off+len)} from its first token, forgetting the previous record. */
    ReusableJsonParser reset(byte[] b, int off, int len) {
        _inputBuffer = b;
        _inputPtr = off;
        _inputEnd = off + len;
        _currInputProcessed = -off;
        _currInputRow = 1;
        _currInputRowStart = off;
        _tokenInputTotal = 0;
        _tokenInputRow = 1;
        _tokenInputCol = 0;
        root.reset(JsonStreamContext.TYPE_ROOT, 1, 0);
        _parsingContext = root;
        _currToken = null;
        _lastClearedToken = null;
        _nextToken = null;
        _tokenIncomplete = false;
        _tokenCount = 0;
        _closed = false;
        _nameCopied = false;
        _binaryValue = null;
        _numTypesValid = NR_UNKNOWN;
        _textBuffer.resetWithEmpty();
        return this;
    }
}
