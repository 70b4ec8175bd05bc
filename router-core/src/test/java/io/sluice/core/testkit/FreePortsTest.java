package io.sluice.core.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {
    @Test
    void theNumbersOfOneCallAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        int[] ports = FreePorts.distinct(40);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(40);
        assertThat(Arrays.stream(ports).boxed().toList()).allMatch(p -> p >= 10_000 && p < ephemeralStart);
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortSomeoneListensOnIsNeverHandedOut() throws Exception {
        int taken = FreePorts.one();
        try (ServerSocket s = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) assertThat(FreePorts.distinct(20)).doesNotContain(taken);
        }
    }
}
