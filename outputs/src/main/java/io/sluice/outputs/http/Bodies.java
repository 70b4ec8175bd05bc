package io.sluice.outputs.http;

/** Receiver answers as they go into messages: short, on one line. */
public final class Bodies {
    private static final int MAX = 500;

    private Bodies() {}

    public static String excerpt(String body) {
        if (body == null) return "";
        String one = body.strip().replace('\n', ' ').replace('\r', ' ');
        return one.length() > MAX ? one.substring(0, MAX) + "..." : one;
    }
}
