package io.sluice.core.buffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/** Reports damage the one way: counted, and logged with what the operator should know and do. */
final class DamageLog {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

    private final String name;
    private final DiskBufferCounters counters;

    DamageLog(String name, DiskBufferCounters counters) {
        this.name = name;
        this.counters = counters;
    }

    void report(BufferDamage d, String when) {
        counters.damaged(d);
        String kind = d.kind().name().toLowerCase(Locale.ROOT);
        String kept = d.quarantine() != null ? "the bytes are kept in " + d.quarantine()
                : "the bytes could NOT be copied to the quarantine and were left in place";
        if (d.kind() == DamageKind.MISSING_RECORDS) {
            LOG.error("disk buffer {}: {} record(s) missing before {}, found {}: a segment was deleted, emptied or "
                    + "cut short at a record boundary (by something other than Sluice: a cleanup job, a restore, a "
                    + "full or failing disk); those events are lost", name, d.recordsLost(), d.segment(), when);
        } else if (d.kind().isTail()) {
            String cause = d.kind() == DamageKind.GARBAGE_TAIL
                    ? "bytes that are no record (did something else write to this directory?)"
                    : "a write was interrupted by a crash or power loss";
            LOG.warn("disk buffer {}: {} bytes at the end of {} ({}) found {}: {}; {}; {}. Records written before it "
                    + "are intact.", name, d.length(), d.segment(), kind, when, cause,
                    d.truncated() ? "truncated" : "skipped", kept);
        } else {
            LOG.error("disk buffer {}: {} damaged bytes at offset {} of {} ({}) found {}: {}; skipped to the next "
                    + "intact record; {}. The disk may be failing: check the kernel log and SMART.", name, d.length(),
                    d.offset(), d.segment(), kind, when,
                    d.recordsLost() >= 0 ? d.recordsLost() + " record(s) lost" : "records in that range are lost", kept);
        }
    }

    void problem(String segment, String problem) {
        LOG.error("disk buffer {}: {}: {}", name, segment, problem);
    }
}
