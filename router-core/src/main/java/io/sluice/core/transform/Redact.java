package io.sluice.core.transform;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.FieldWriters;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.TransformPlugin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code redact}: replaces what the detectors and the user's patterns find in {@code message}, the
 * chosen fields, {@code event.original} and {@code error.message} with a mask, or with a keyed hash (HMAC-SHA256) so equal
 * values stay joinable without being readable. Also applied to refused events, so nothing it hides
 * reaches the dead letters or {@code /tap}.
 */
public final class Redact implements TransformPlugin {
    private static final List<String> DEFAULT_DETECTORS = Detector.BUILT_IN.keySet().stream()
            .filter(d -> !d.equals("ip")).toList();

    static final Option<List<String>> DETECTORS = Option.of("detectors", Types.STRING_LIST).defaultValue(DEFAULT_DETECTORS)
            .check(l -> Detector.BUILT_IN.keySet().containsAll(l), "each entry is one of " + String.join(", ", Detector.BUILT_IN.keySet()))
            .doc("built-in detectors to run: " + String.join(", ", Detector.BUILT_IN.keySet())
                    + " (credit_card is Luhn-checked, iban checksum-checked; ip is off by default); [] for none").build();
    static final Option<Map<String, String>> PATTERNS = Option.of("patterns", Types.STRING_MAP).defaultValue(Map.of())
            .check(Redact::compiles, "each value must be a valid RE2 regular expression (no backreferences or lookaround)")
            .doc("rule name -> your own regular expression (RE2 syntax, linear time), e.g. {customer_id: 'cust-[0-9]{8}'}").build();
    static final Option<List<String>> FIELDS = Option.of("fields", Types.STRING_LIST).defaultValue(List.of("message"))
            .check(l -> l.stream().allMatch(FieldWriters::isWritable),
                    "each entry is message, error.message, error.type, labels.<key> or attributes.<key> (top level)")
            .doc("fields to redact; event.original and error.message are always redacted too").build();
    static final Option<String> MASK = Option.of("mask", Types.STRING).defaultValue("[REDACTED:{rule}]")
            .doc("what replaces a match; {rule} is the detector or pattern name").build();
    static final Option<String> HASH_KEY_FILE = Option.of("hash_key_file", Types.STRING)
            .check(f -> Files.isReadable(Path.of(f)), "is not a readable file")
            .doc("a file with a secret key: matches are replaced by [rule:HMAC-SHA256 of the match, hex] instead of "
                    + "the mask, the same for equal values (pseudonymized joins)").build();
    static final OptionSpec SPEC = OptionSpec.of("redact", "hides secrets and personal data in chosen fields",
            DETECTORS, PATTERNS, FIELDS, MASK, HASH_KEY_FILE);

    @Override public String type() { return "redact"; }
    @Override public OptionSpec options() { return SPEC; }

    private static boolean compiles(Map<String, String> patterns) {
        try {
            patterns.values().forEach(Pattern::compile);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** A detector and how many matches it replaced. */
    private record Rule(Detector detector, Counter count) {}

    @Override
    public Transform create(String name, Options o, MeterRegistry meters) {
        List<Rule> rules = new ArrayList<>();
        List<Detector> detectors = new ArrayList<>();
        for (String d : o.get(DETECTORS)) detectors.add(Detector.BUILT_IN.get(d));
        o.get(PATTERNS).forEach((rule, regex) -> detectors.add(new Detector(rule, Pattern.compile(regex), m -> true)));
        for (Detector d : detectors) {
            rules.add(new Rule(d, Counter.builder("sluice.transform.redactions").tag("transform", name)
                    .tag("rule", d.name()).register(meters)));
        }
        Replacement replacement = o.isSet(HASH_KEY_FILE) ? hashing(Path.of(o.get(HASH_KEY_FILE))) : masking(o.get(MASK));
        List<Function<LogEvent, String>> readers = new ArrayList<>();
        List<BiConsumer<LogEvent, String>> writers = new ArrayList<>();
        for (String f : o.get(FIELDS)) {
            readers.add(FieldPaths.reader(f));
            writers.add(FieldWriters.writer(f));
        }
        return new Transform() {
            @Override
            public boolean apply(LogEvent e) {
                for (int i = 0; i < readers.size(); i++) {
                    String v = readers.get(i).apply(e);
                    String r = v == null ? null : redact(v, rules, replacement);
                    if (r != v) writers.get(i).accept(e, r);
                }
                // the record as it came, and a refusal's reason, which may quote the refused value
                if (e.original() != null) e.original(redact(e.original(), rules, replacement));
                if (e.errorMessage() != null) e.errorMessage(redact(e.errorMessage(), rules, replacement));
                return true;
            }

            @Override
            public boolean appliesToRefused() {
                return true;
            }
        };
    }

    /** The text with every valid match replaced; the same instance when nothing matched. */
    static String redact(String text, List<Rule> rules, Replacement replacement) {
        String current = text;
        for (Rule rule : rules) {
            Matcher m = rule.detector().pattern().matcher(current);
            StringBuilder out = null;
            int copied = 0;
            while (m.find()) {
                String found = m.group();
                if (!rule.detector().valid().test(found)) continue;
                if (out == null) out = new StringBuilder(current.length());
                out.append(current, copied, m.start()).append(replacement.of(rule.detector().name(), found));
                copied = m.end();
                rule.count().increment();
            }
            if (out != null) current = out.append(current, copied, current.length()).toString();
        }
        return current;
    }

    @FunctionalInterface
    interface Replacement {
        String of(String rule, String match);
    }

    private static Replacement masking(String mask) {
        return (rule, match) -> mask.replace("{rule}", rule);
    }

    private static Replacement hashing(Path keyFile) {
        byte[] key;
        try {
            key = Files.readString(keyFile).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hash_key_file " + keyFile, e);
        }
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        // a Mac is not thread-safe; workers each get their own
        ThreadLocal<Mac> macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
        return (rule, match) -> "[" + rule + ":" + HexFormat.of().formatHex(macs.get().doFinal(match.getBytes(StandardCharsets.UTF_8))) + "]";
    }
}
