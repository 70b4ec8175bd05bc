package io.sluice.daemon;

import io.sluice.config.InputConfig;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.core.pipeline.SinkOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a reload changes, computed in one place: the running configuration compared with the new
 * one, per input and per output, and the settings that only a restart changes. {@link Daemon#reload}
 * applies it.
 */
public final class ReloadDiff {
    /** What happens to one input or output. */
    public enum Change {
        /** Keeps running untouched. */
        UNCHANGED,
        /** Its configuration differs: it is replaced. */
        CHANGED,
        /** New: it starts. */
        ADDED,
        /** Gone: it stops (an output delivers what it holds first). */
        REMOVED
    }

    /**
     * @param bufferUnchanged a changed output with the same {@code buffer:} block: the new output continues
     *                        with its predecessor's buffer, so what is queued (in memory or on disk) goes to it
     */
    public record OutputDiff(Change change, boolean bufferUnchanged) {}

    private final Map<String, Change> inputs = new LinkedHashMap<>();
    private final Map<String, OutputDiff> outputs = new LinkedHashMap<>();
    private final List<String> restartOnly = new ArrayList<>();

    private ReloadDiff() {}

    public static ReloadDiff between(PipelineConfig current, PipelineConfig next) {
        ReloadDiff diff = new ReloadDiff();
        // inputs get the decode options when they start: a change there restarts every input
        boolean decodeChanged = next.normalize().onInvalid() != current.normalize().onInvalid();
        for (InputConfig old : current.inputs().values()) {
            InputConfig now = next.inputs().get(old.id());
            diff.inputs.put(old.id(), now == null ? Change.REMOVED
                    : decodeChanged || !sameInput(old, now) ? Change.CHANGED : Change.UNCHANGED);
        }
        for (InputConfig now : next.inputs().values()) diff.inputs.putIfAbsent(now.id(), Change.ADDED);

        for (OutputConfig old : current.outputs().values()) {
            OutputConfig now = next.outputs().get(old.id());
            if (now == null) diff.outputs.put(old.id(), new OutputDiff(Change.REMOVED, false));
            else if (sameOutput(old, now)) diff.outputs.put(old.id(), new OutputDiff(Change.UNCHANGED, true));
            else diff.outputs.put(old.id(), new OutputDiff(Change.CHANGED, sameBuffer(old, now)));
        }
        for (OutputConfig now : next.outputs().values()) diff.outputs.putIfAbsent(now.id(), new OutputDiff(Change.ADDED, false));

        if (!Objects.equals(next.dataDir(), current.dataDir())) diff.restartOnly.add("data_dir");
        if (!Objects.equals(next.adminListen(), current.adminListen())
                || !Objects.equals(next.adminTokenFile(), current.adminTokenFile())) diff.restartOnly.add("admin");
        if (!Objects.equals(next.tuning(), current.tuning())) diff.restartOnly.add("pipeline");
        if (!sameOutput(current.deadLetter(), next.deadLetter())) diff.restartOnly.add("dead_letter");
        return diff;
    }

    private static boolean sameInput(InputConfig a, InputConfig b) {
        return a.plugin().type().equals(b.plugin().type()) && a.options().equals(b.options())
                && java.util.Objects.equals(a.parser(), b.parser());
    }

    private static boolean sameOutput(OutputConfig a, OutputConfig b) {
        if (a == null || b == null) return a == b;
        return a.plugin().type().equals(b.plugin().type()) && a.options().equals(b.options());
    }

    private static boolean sameBuffer(OutputConfig a, OutputConfig b) {
        return a.options().get(SinkOptions.BUFFER_BLOCK).equals(b.options().get(SinkOptions.BUFFER_BLOCK));
    }

    /** Every input of either configuration: the running ones in their order, then the added ones. */
    public Map<String, Change> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /** Every output of either configuration: the running ones in their order, then the added ones. */
    public Map<String, OutputDiff> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public Change input(String id) {
        return inputs.get(id);
    }

    public OutputDiff output(String id) {
        return outputs.get(id);
    }

    /** The top-level settings that differ but take effect only after a restart (data_dir, admin, pipeline, dead_letter). */
    public List<String> restartOnly() {
        return Collections.unmodifiableList(restartOnly);
    }

    /** One line for the log, e.g. {@code inputs: app changed; outputs: a unchanged, b changed (buffer handed over)}. */
    @Override
    public String toString() {
        StringJoiner in = new StringJoiner(", ", "inputs: ", "");
        inputs.forEach((id, c) -> in.add(id + " " + name(c)));
        StringJoiner out = new StringJoiner(", ", "outputs: ", "");
        outputs.forEach((id, d) -> out.add(id + " " + name(d.change())
                + (d.change() == Change.CHANGED && d.bufferUnchanged() ? " (buffer handed over)" : "")));
        return in + "; " + out;
    }

    private static String name(Change c) {
        return c.name().toLowerCase(java.util.Locale.ROOT);
    }
}
