package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentIdsTest {
    private final DocumentIds ids = new DocumentIds();

    private String idOf(LogEvent e) {
        return ids.idOf(TestBatches.of(List.of(e)), 0);
    }

    @Test
    void anAssignedIdWins() {
        assertThat(idOf(TestBatches.event("s", "m", 1).documentId("kafka-logs-3-1234"))).isEqualTo("kafka-logs-3-1234");
    }

    @Test
    void aFileRecordGetsTheSameIdWhenReadAgain() {
        LogEvent first = TestBatches.event("s", "line", 1).filePath("/var/log/app.log").offset(4096);
        // a re-read after a crash: observed later, another sequence, same record at the same place
        LogEvent again = TestBatches.event("s", "line", 99).filePath("/var/log/app.log").offset(4096)
                .timestampNanos(first.timestampNanos()).createdNanos(first.createdNanos() + 5_000_000_000L);
        assertThat(idOf(again)).isEqualTo(idOf(first));
        assertThat(idOf(TestBatches.event("s", "line", 1).filePath("/var/log/app.log").offset(4097)
                .timestampNanos(first.timestampNanos()))).isNotEqualTo(idOf(first));
    }

    @Test
    void fileIdsAreTheSameAsBeforeTheHashCameFromALibrary() {
        // pinned with the hand-written Murmur3: a changed id would turn a replay into duplicates
        assertThat(idOf(TestBatches.event("s", "line", 1).filePath("/var/log/app.log").offset(4096)
                .timestampNanos(1_700_000_000_123_456_789L))).isEqualTo("ffaJIKTyBXNZM6kfkVs7CnQ");
        assertThat(idOf(TestBatches.event("s", "line", 1).filePath("/var/log/é/app.log").offset(0)
                .timestampNanos(-5L))).isEqualTo("f3TblV9rgmY3YbI2hHtav6w");
    }

    @Test
    void identicalLinesAreStillDifferentEventsAndRetriesKeepTheirIds() {
        SinkBatch batch = ElasticsearchSinkTest.batches("s", 10_000, 10_000).get(0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) seen.add(ids.idOf(batch, i));
        assertThat(seen).hasSize(10_000);

        LogEvent e = TestBatches.event("s", "same line", 1);
        LogEvent twin = TestBatches.event("s", "same line", 2).timestampNanos(e.timestampNanos()).createdNanos(e.createdNanos());
        assertThat(idOf(e)).isNotEqualTo(idOf(twin)).isEqualTo(idOf(e)).hasSize(22);
    }
}
