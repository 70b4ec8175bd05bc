package io.sluice.api.schema;

import io.krakens.grok.api.Grok;
import io.krakens.grok.api.GrokCompiler;
import io.krakens.grok.api.Match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A compiled user pattern: the named captures of a line it matches. Thread-safe. */
public interface LineMatcher {
    /** The captures of a match by name (a capture that matched nothing is absent); null when the line does not match. */
    Map<String, String> captures(String line);

    /** The names of the captures the pattern declares. */
    List<String> names();

    /**
     * A regular expression with named groups ({@code (?P<name>...)}), run by RE2/J: matching time is
     * linear in the line, whatever the user's pattern, so a bad pattern cannot stall a worker.
     *
     * @throws IllegalArgumentException when the pattern does not compile, with RE2/J's reason
     */
    static LineMatcher regex(String pattern) {
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regular expression: " + e.getDescription() + " in " + e.getPattern());
        }
        // in the order the groups appear in the pattern
        List<String> names = p.namedGroups().entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        if (names.isEmpty()) throw new IllegalArgumentException("the pattern has no named group (?P<name>...) to capture");
        return new LineMatcher() {
            @Override
            public Map<String, String> captures(String line) {
                com.google.re2j.Matcher m = p.matcher(line);
                if (!m.find()) return null;
                Map<String, String> out = new LinkedHashMap<>();
                for (String name : names) {
                    String v = m.group(name);
                    if (v != null) out.put(name, v);
                }
                return out;
            }

            @Override
            public List<String> names() {
                return names;
            }
        };
    }

    /**
     * A grok pattern ({@code %{SYNTAX:name}}) over java-grok's standard pattern library (the
     * Logstash patterns: {@code TIMESTAMP_ISO8601}, {@code LOGLEVEL}, {@code IP}, {@code NUMBER},
     * ...). Grok's library relies on look-behind and atomic groups, so it runs on
     * {@code java.util.regex}, not RE2/J.
     *
     * @throws IllegalArgumentException when a pattern name is unknown or the expansion does not compile
     */
    static LineMatcher grok(String pattern) {
        Grok grok;
        try {
            GrokCompiler compiler = GrokCompiler.newInstance();
            compiler.registerDefaultPatterns();
            grok = compiler.compile(pattern, true);
        } catch (IllegalArgumentException e) { // also PatternSyntaxException
            throw new IllegalArgumentException("not a valid grok pattern: " + firstLine(e.getMessage()));
        }
        List<String> names = new ArrayList<>(grok.getNamedRegexCollection().values());
        if (names.isEmpty()) throw new IllegalArgumentException("the pattern has no named capture %{PATTERN:name}");
        List<String> declared = List.copyOf(names);
        return new LineMatcher() {
            @Override
            public Map<String, String> captures(String line) {
                Match m = grok.match(line);
                if (m.isNull()) return null;
                Map<String, String> out = new LinkedHashMap<>();
                m.capture().forEach((k, v) -> {
                    if (v != null) out.put(k, v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v));
                });
                return out;
            }

            @Override
            public List<String> names() {
                return declared;
            }
        };
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
