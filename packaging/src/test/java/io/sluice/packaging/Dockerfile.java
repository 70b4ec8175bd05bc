package io.sluice.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read the way the builder reads it: comments dropped, continuation lines joined, each
 * instruction tagged with its build stage. Enough to check the recipe without a Docker engine.
 */
record Dockerfile(List<Instruction> instructions) {
    /** One instruction: its keyword upper-cased, its arguments as written, and its stage (0 = first FROM). */
    record Instruction(String keyword, String arguments, int stage) {}

    static Dockerfile parse(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int stage = -1;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("#")) continue; // comments (and parser directives), also inside a continuation
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String joined = pending.toString().strip();
            pending.setLength(0);
            if (joined.isEmpty()) continue;
            int space = joined.indexOf(' ');
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) stage++;
            out.add(new Instruction(keyword, space < 0 ? "" : joined.substring(space + 1).strip(), stage));
        }
        return new Dockerfile(out);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    int finalStage() {
        return all("FROM").size() - 1;
    }

    /** The instructions of the image that ships: the last stage. */
    List<Instruction> runtime(String keyword) {
        return all(keyword).stream().filter(i -> i.stage() == finalStage()).toList();
    }

    /** The last such instruction of the runtime stage (the one that takes effect), or null. */
    Instruction effective(String keyword) {
        List<Instruction> list = runtime(keyword);
        return list.isEmpty() ? null : list.get(list.size() - 1);
    }
}
