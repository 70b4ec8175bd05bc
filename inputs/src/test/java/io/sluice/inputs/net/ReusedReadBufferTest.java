package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReusedReadBufferTest {
    private final RecvByteBufAllocator.Handle reads = new ReusedReadBuffer().newHandle();

    private ByteBuf read(String bytes) {
        ByteBuf buf = reads.allocate(UnpooledByteBufAllocator.DEFAULT);
        buf.writeBytes(bytes.getBytes(StandardCharsets.UTF_8));
        return buf;
    }

    @Test
    void aReleasedReadBufferServesTheNextReadEmptyAndFullSize() {
        ByteBuf first = read("<13>1 first line\n");
        first.release(); // what every framer does once it copied out what it keeps
        ByteBuf second = read("second");

        assertThat(second).isSameAs(first);
        assertThat(second.toString(StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(second.capacity()).isEqualTo(ReusedReadBuffer.READ_BYTES);
        second.release();
    }

    @Test
    void aReadStillHeldByAHandlerIsNeverOverwritten() {
        ByteBuf held = read("kept by a TLS decoder\n"); // not released: its holder still reads it later
        ByteBuf next = read("next read");

        assertThat(next).isNotSameAs(held);
        assertThat(held.toString(StandardCharsets.UTF_8)).isEqualTo("kept by a TLS decoder\n");
        next.release();
        held.release();
        ByteBuf again = read("after the holder let go");
        assertThat(again).isSameAs(held);
        again.release();
    }
}
