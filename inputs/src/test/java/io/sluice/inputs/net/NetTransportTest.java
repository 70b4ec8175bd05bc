package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NetTransportTest {
    /** The platform whose native library the distribution ships. */
    private static boolean linuxX8664() {
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
    }

    @Test
    void autoPicksEpollWhereItLoadsAndNioElsewhere() {
        assertThat(NetTransport.choose(null, true)).isEqualTo(NetTransport.EPOLL);
        assertThat(NetTransport.choose(" Auto ", true)).isEqualTo(NetTransport.EPOLL);
        assertThat(NetTransport.choose(null, false)).isEqualTo(NetTransport.NIO);
        assertThat(NetTransport.choose("auto", false)).isEqualTo(NetTransport.NIO);
    }

    @Test
    void nioForcesNioEvenWhereEpollLoads() {
        assertThat(NetTransport.choose("nio", true)).isEqualTo(NetTransport.NIO);
        assertThat(NetTransport.choose("NIO", true)).isEqualTo(NetTransport.NIO);
    }

    @Test
    void aMistypedSettingIsRefusedNotGuessed() {
        assertThatThrownBy(() -> NetTransport.choose("epol", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLUICE_NET_TRANSPORT='epol'")
                .hasMessageContaining("auto")
                .hasMessageContaining("nio");
    }

    @Test
    void theNativeEpollLibraryLoadsOnLinuxX8664() {
        assumeTrue(linuxX8664());
        assertThat(Epoll.isAvailable()).as("unavailable: %s", Epoll.unavailabilityCause()).isTrue();
        assertThat(NetTransport.current()).isEqualTo(NetTransport.EPOLL);
    }

    /**
     * Epoll refuses a read allocator whose handle is not an ExtendedHandle, and Netty's bootstrap only logs
     * the refusal: the connection would read into a new buffer per read again. This one must keep ours.
     */
    @Test
    void anEpollConnectionReadsIntoTheReusedBufferAndItsBytesArriveWhole() throws Exception {
        assumeTrue(linuxX8664());
        CompletableFuture<Object> allocator = new CompletableFuture<>();
        CompletableFuture<Class<?>> channelType = new CompletableFuture<>();
        StringBuilder received = new StringBuilder();
        CompletableFuture<String> all = new CompletableFuture<>();
        String sent = "x".repeat(200_000) + "\n";
        NetServer server = new NetServer("test in", new ServerSettings(new InetSocketAddress("127.0.0.1", 0), 4,
                Duration.ZERO, null), ch -> {
            allocator.complete(ch.config().getRecvByteBufAllocator());
            channelType.complete(ch.getClass());
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    try {
                        received.append(buf.toString(StandardCharsets.US_ASCII));
                        if (received.length() == sent.length()) all.complete(received.toString());
                    } finally {
                        buf.release();
                    }
                }
            });
        }, () -> { });
        server.start();
        try (Socket s = new Socket("127.0.0.1", server.boundAddress().getPort());
             OutputStream out = s.getOutputStream()) {
            out.write(sent.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(channelType.get(10, TimeUnit.SECONDS)).isEqualTo(EpollSocketChannel.class);
            assertThat(allocator.get(10, TimeUnit.SECONDS)).isInstanceOf(ReusedReadBuffer.class);
            assertThat(all.get(10, TimeUnit.SECONDS)).isEqualTo(sent);
        } finally {
            server.close(Duration.ofSeconds(5));
        }
    }
}
