package io.sluice.api.option;

/** A value that does not fit its option; the message says what was expected, for the user. */
public class OptionException extends Exception {
    public OptionException(String message) {
        super(message);
    }
}
