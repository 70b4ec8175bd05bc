package io.sluice.api.plugin;

/**
 * The target refused the whole request for its size (HTTP 413, a message size limit), while smaller
 * requests would pass. The sink runner sends the batch again as two halves, each split again if still
 * refused, down to single events; a single event still refused goes to the dead-letter path with this
 * message as the reason. Resending the same request unchanged could never succeed.
 *
 * <p>Throw it only when the size of this request is the cause: a target that refuses one event for
 * its own size while accepting the rest says so per event with {@link SendResult#refuse}.
 */
public class RequestTooLargeException extends OutputException {
    public RequestTooLargeException(String message) {
        super(message, null);
    }

    public RequestTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
