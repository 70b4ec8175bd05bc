package io.sluice.daemon.pipelinetest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares what a case produced with what it expects, as readable failure lines (empty: passed).
 * An event that was dead-lettered fails unless its expectation says {@code dead_letter: true}.
 */
public final class CaseCheck {
    private CaseCheck() {}

    public static List<String> failures(FixtureRun.Outcome outcome) {
        List<String> out = new ArrayList<>();
        if (outcome.error() != null) {
            out.add(outcome.error());
            return out;
        }
        List<TestCase.Expectation> expect = outcome.testCase().expect();
        List<Observed> events = outcome.events();
        if (expect.size() != events.size()) {
            out.add("expected " + expect.size() + " events, got " + events.size());
        }
        for (int i = 0; i < Math.min(expect.size(), events.size()); i++) {
            List<String> diffs = differences(expect.get(i), events.get(i));
            if (diffs.isEmpty()) continue;
            out.add("event " + (i + 1) + " of " + events.size() + ":");
            for (String d : diffs) out.add("  " + d);
        }
        return out;
    }

    private static List<String> differences(TestCase.Expectation want, Observed got) {
        List<String> out = new ArrayList<>();
        boolean wantDead = Boolean.TRUE.equals(want.deadLetter());
        if (wantDead != got.deadLettered()) {
            String why = got.deadLettered() ? " (" + got.event().path("error").path("message").asText() + ")" : "";
            out.add("dead_letter: expected " + wantDead + ", actual " + got.deadLettered() + why);
        }
        if (want.event() != null) {
            for (PartialMatch.Difference d : PartialMatch.differences(want.event(), got.event())) out.add(d.toString());
        }
        if (want.outputs() != null && !new TreeSet<>(want.outputs()).equals(new TreeSet<>(got.outputs()))) {
            out.add("outputs: expected " + want.outputs() + ", actual " + got.outputs());
        }
        return out;
    }
}
