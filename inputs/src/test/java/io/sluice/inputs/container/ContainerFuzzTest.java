package io.sluice.inputs.container;

import io.sluice.api.schema.DecodeOptions;
import io.sluice.inputs.fuzz.FuzzedRecords;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker json-file and CRI lines, arbitrary and damaged: an event each (raw and tagged when broken), never an exception. */
class ContainerFuzzTest {
    @Provide
    Arbitrary<byte[]> dockerLines() {
        return FuzzedRecords.records(List.of(
                "{\"log\":\"GET /health 200\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-02T12:26:44.868123456Z\"}",
                "{\"log\":\"{\\\"level\\\":\\\"warn\\\",\\\"msg\\\":\\\"\\u00e9\\\"}\\n\",\"stream\":\"stderr\","
                        + "\"attrs\":{\"tag\":\"x\"},\"time\":\"2026-12-02T12:26:44Z\"}"));
    }

    @Provide
    Arbitrary<byte[]> criLines() {
        return FuzzedRecords.records(List.of(
                "2026-12-02T12:26:44.868123456Z stdout F {\"level\":\"info\",\"msg\":\"ready\"}",
                "2026-12-02T12:26:44.868+00:00 stderr P partial line without end"));
    }

    @Property
    void dockerRecordsBecomeEvents(@ForAll("dockerLines") byte[] line) {
        assertThat(FuzzedRecords.decode("container", () -> new DockerRecordDecoder(DecodeOptions.DEFAULT), line)).isNotNull();
    }

    @Property
    void criRecordsBecomeEvents(@ForAll("criLines") byte[] line) {
        assertThat(FuzzedRecords.decode("container", () -> new CriRecordDecoder(DecodeOptions.DEFAULT), line)).isNotNull();
    }
}
