package io.sluice.api.schema;

import java.net.InetAddress;

/** The name of the machine Sluice runs on, looked up once. */
public final class LocalHost {
    private static volatile String name;

    private LocalHost() {}

    public static String name() {
        String n = name;
        if (n == null) {
            n = System.getenv("HOSTNAME");
            if (n == null || n.isBlank()) {
                try {
                    n = InetAddress.getLocalHost().getHostName();
                } catch (Exception e) {
                    n = "localhost";
                }
            }
            name = n;
        }
        return n;
    }
}
