package io.sluice.daemon;

import io.sluice.api.plugin.PluginRegistry;
import io.sluice.config.ConfigLoader;
import io.sluice.config.PipelineConfig;
import io.sluice.daemon.ReloadDiff.Change;
import io.sluice.daemon.ReloadDiff.OutputDiff;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ReloadDiffTest {
    private static final ConfigLoader LOADER = new ConfigLoader(PluginRegistry.load(), Map.of());

    private static final String APP = "  app: {type: tcp, listen: \"127.0.0.1:5170\"}\n";
    private static final String OUTPUT_A = "  a: {type: file, path: /tmp/a.ndjson, buffer: {max_bytes: 8MiB}}\n";
    private static final String BASE = file(APP + "  audit: {type: tcp, listen: \"127.0.0.1:5171\"}\n",
            OUTPUT_A + "  b: {type: file, path: /tmp/b.ndjson}\n");

    private static String file(String inputs, String outputs) {
        return "data_dir: /tmp/sluice-reload-diff\nadmin: {enabled: false}\ninputs:\n" + inputs + "outputs:\n" + outputs;
    }

    private static PipelineConfig load(String yaml) throws Exception {
        return LOADER.load(Path.of("p.yaml"), yaml).config();
    }

    @Test
    void theSameFileChangesNothing() throws Exception {
        ReloadDiff diff = ReloadDiff.between(load(BASE), load(BASE));

        assertThat(diff.inputs()).containsExactly(entry("app", Change.UNCHANGED), entry("audit", Change.UNCHANGED));
        assertThat(diff.outputs()).containsExactly(entry("a", new OutputDiff(Change.UNCHANGED, true)),
                entry("b", new OutputDiff(Change.UNCHANGED, true)));
        assertThat(diff.restartOnly()).isEmpty();
    }

    @Test
    void aChangedOutputKeepsItsBufferOnlyWhenTheBufferBlockIsTheSame() throws Exception {
        String next = BASE.replace("/tmp/a.ndjson", "/tmp/a2.ndjson")
                .replace("b: {type: file, path: /tmp/b.ndjson}", "b: {type: file, path: /tmp/b.ndjson, buffer: {max_bytes: 1MiB}}");

        ReloadDiff diff = ReloadDiff.between(load(BASE), load(next));

        assertThat(diff.output("a")).as("path changed, same buffer: handed over").isEqualTo(new OutputDiff(Change.CHANGED, true));
        assertThat(diff.output("b")).as("buffer changed: drains its own").isEqualTo(new OutputDiff(Change.CHANGED, false));
        assertThat(diff.inputs()).containsOnly(entry("app", Change.UNCHANGED), entry("audit", Change.UNCHANGED));
        assertThat(diff.toString()).contains("a changed (buffer handed over)", "b changed", "app unchanged");
    }

    @Test
    void addedAndRemovedInputsAndOutputsAreListedAfterTheRunningOnes() throws Exception {
        String next = file(APP.replace("5170", "5172") + "  more: {type: tcp, listen: \"127.0.0.1:5173\"}\n",
                "  c: {type: stdout}\n" + OUTPUT_A);

        ReloadDiff diff = ReloadDiff.between(load(BASE), load(next));

        assertThat(diff.inputs()).containsExactly(entry("app", Change.CHANGED), entry("audit", Change.REMOVED),
                entry("more", Change.ADDED));
        assertThat(diff.outputs()).containsExactly(entry("a", new OutputDiff(Change.UNCHANGED, true)),
                entry("b", new OutputDiff(Change.REMOVED, false)), entry("c", new OutputDiff(Change.ADDED, false)));
    }

    @Test
    void aChangedDecodePolicyRestartsEveryInput() throws Exception {
        ReloadDiff diff = ReloadDiff.between(load(BASE), load(BASE + "normalize: {on_invalid: repair}\n"));

        assertThat(diff.inputs()).containsOnly(entry("app", Change.CHANGED), entry("audit", Change.CHANGED));
        assertThat(diff.outputs().values()).allMatch(d -> d.change() == Change.UNCHANGED);
    }

    @Test
    void settingsThatNeedARestartAreNamed() throws Exception {
        String next = BASE.replace("data_dir: /tmp/sluice-reload-diff", "data_dir: /tmp/elsewhere")
                + "pipeline: {workers: 3}\n";

        ReloadDiff diff = ReloadDiff.between(load(BASE), load(next));

        // the default dead-letter file lives in data_dir, so it moves with it
        assertThat(diff.restartOnly()).containsExactly("data_dir", "pipeline", "dead_letter");
    }
}
