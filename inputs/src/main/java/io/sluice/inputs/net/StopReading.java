package io.sluice.inputs.net;

/**
 * The user event {@link NetServer#stopReading} fires on every open connection: stop reading for
 * good (the daemon is stopping), but keep the connection until the pipeline drained what was read.
 */
public enum StopReading {
    INSTANCE
}
