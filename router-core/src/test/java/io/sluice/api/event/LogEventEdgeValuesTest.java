package io.sluice.api.event;

import io.sluice.api.schema.EventEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values at the edges of how {@link LogEvent} and {@link SyslogFields} hold their numbers (narrowed,
 * xor-ed with their "absent" value, the wide ones apart): each comes back and is encoded as it was set.
 */
class LogEventEdgeValuesTest {
    private final EventEncoder encoder = new EventEncoder();

    /** The event as the encoder writes it, with the fields the normalizer gives every event. */
    private String json(LogEvent e) {
        if (e.level() == null) e.level(Level.INFO);
        if (!e.hasTimestamp()) e.timestampNanos(1);
        e.serviceName("svc").hostName("h").inputType("file");
        return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void aNewEventHasNoneOfItsOptionalNumbers() {
        LogEvent e = new LogEvent();
        assertThat(e.hasTimestamp()).isFalse();
        assertThat(e.timestampNanos()).isEqualTo(LogEvent.NO_TIME);
        assertThat(e.offset()).isEqualTo(LogEvent.NO_OFFSET);
        assertThat(e.pid()).isEqualTo(LogEvent.NO_NUMBER);
        SyslogFields s = e.syslogOrCreate();
        assertThat(s.facilityCode()).isEqualTo(SyslogFields.UNSET);
        assertThat(s.severityCode()).isEqualTo(SyslogFields.UNSET);
        assertThat(s.version()).isEqualTo(SyslogFields.UNSET);
        assertThat(s.procidNumber()).isEqualTo(SyslogFields.UNSET);
        assertThat(s.procid()).isNull();
    }

    @Test
    void epochZeroAndOffsetZeroArePresent() {
        LogEvent e = new LogEvent().timestampNanos(0).filePath("/var/log/a.log").offset(0).message("m");
        assertThat(e.hasTimestamp()).isTrue();
        assertThat(e.timestampNanos()).isZero();
        assertThat(e.offset()).isZero();
        assertThat(json(e)).contains("\"@timestamp\":\"1970-01-01T00:00:00").contains("\"offset\":0");
    }

    @Test
    void pidsOfEveryWidthComeBackAndAreEncoded() {
        for (long pid : new long[] {0, 1, 4711, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1L,
                1L << 40, Long.MAX_VALUE}) {
            LogEvent e = new LogEvent().message("m").pid(pid);
            assertThat(e.pid()).as("pid %d", pid).isEqualTo(pid);
            assertThat(json(e)).as("pid %d", pid).contains("\"pid\":" + pid);
            assertThat(e.copy().pid()).as("copied pid %d", pid).isEqualTo(pid);
        }
    }

    @Test
    void aNarrowPidReplacesAWideOneAndBack() {
        LogEvent e = new LogEvent().pid(1L << 40).pid(7);
        assertThat(e.pid()).isEqualTo(7);
        e.pid(1L << 40);
        assertThat(e.pid()).isEqualTo(1L << 40);
        e.pid(LogEvent.NO_NUMBER);
        assertThat(e.pid()).isEqualTo(LogEvent.NO_NUMBER);
        assertThat(json(e.message("m"))).doesNotContain("\"pid\"");
    }

    @Test
    void largeFileOffsetsComeBack() {
        LogEvent e = new LogEvent().filePath("/var/log/big.log").offset(5L << 32).message("m");
        assertThat(e.offset()).isEqualTo(5L << 32);
        assertThat(json(e)).contains("\"offset\":" + (5L << 32));
    }

    @Test
    void syslogCodesAtTheirLimitsComeBack() {
        SyslogFields s = new LogEvent().syslogOrCreate();
        s.facilityCode(23);
        s.severityCode(0);
        s.version(999);
        s.procid(0);
        assertThat(s.facilityCode()).isEqualTo(23);
        assertThat(s.severityCode()).isZero();
        assertThat(s.version()).isEqualTo(999);
        assertThat(s.procidNumber()).isZero();
        assertThat(s.procid()).isEqualTo("0");
        s.procid(Long.MAX_VALUE);
        assertThat(s.procid()).isEqualTo(Long.toString(Long.MAX_VALUE));
        s.facilityCode(SyslogFields.UNSET);
        assertThat(s.facilityCode()).isEqualTo(SyslogFields.UNSET);
    }

    @Test
    void codesBeyondSyslogsRangeComeBackAsSent() {
        // a schema-v1 record or an OTLP attribute may carry any integer; refusing it would fail the
        // whole OTLP request it came in
        SyslogFields s = new LogEvent().syslogOrCreate();
        s.facilityCode(200);
        s.severityCode(Integer.MAX_VALUE);
        s.version(70_000);
        assertThat(s.facilityCode()).isEqualTo(200);
        assertThat(s.severityCode()).isEqualTo(Integer.MAX_VALUE);
        assertThat(s.version()).isEqualTo(70_000);
        s.severityCode(-7);
        assertThat(s.severityCode()).isEqualTo(-7);
    }

    @Test
    void aCopyMadeWhileDecodingIsNotDecoding() {
        byte[] record = "hello world".getBytes(StandardCharsets.UTF_8);
        byte[] scratch = "hello".getBytes(StandardCharsets.UTF_8);
        LogEvent e = new LogEvent().decodingFrom(record).messageText(scratch, 0, 5);
        LogEvent copy = e.copy();
        copy.messageText(scratch, 0, 5); // not decoding: copied now
        scratch[0] = 'J';
        assertThat(copy.message()).isEqualTo("hello");
        assertThat(copy.decodingFromStable(record)).isFalse();
        assertThat(e.decodingFromStable(record)).isTrue();
        e.decoded();
        assertThat(e.decodingFromStable(record)).isFalse();
    }
}
