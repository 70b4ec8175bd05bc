package io.sluice.core.health;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes an error text fit for the health endpoints, which answer without credentials: the
 * credentials an upstream may echo in its error body (Authorization headers, bearer and basic
 * tokens, {@code password=}, API keys, a URL's user:password, JWTs) are replaced by
 * {@code [redacted]}, and the text is cut to {@link #MAX_CHARS}. The log keeps the whole error.
 */
public final class ReasonText {
    /** Longest reason shown; an upstream's whole error page is no use in a readiness body. */
    public static final int MAX_CHARS = 256;
    /** Only this much of a (possibly huge) body is scanned, so the patterns run in bounded time. */
    private static final int SCANNED_CHARS = 4 * MAX_CHARS;
    private static final String REDACTED = "[redacted]";

    /** @param replacement a replacement string per match ($1 refers to a group), as {@link Matcher#replaceAll(Function)} takes */
    private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {
        Rule(Pattern pattern, String replacement) {
            this(pattern, m -> replacement);
        }
    }

    /** A secret value after its key: quoted values keep their quotes, so JSON stays JSON. */
    private static String keyValue(MatchResult m) {
        String value = m.group(2);
        char first = value.charAt(0);
        return Matcher.quoteReplacement(m.group(1)
                + (first == '"' || first == '\'' ? first + REDACTED + first : REDACTED));
    }

    private static final List<Rule> RULES = List.of(
            // a header echoed back: its whole value, whatever the scheme
            new Rule(Pattern.compile("(?i)\\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|x-auth-token|api-key)"
                    + "([\"']?\\s*[:=]\\s*[\"']?)[^\"'\\r\\n,;}]+"), "$1$2" + REDACTED),
            // a credential has a digit somewhere: "basic authentication" is prose, "Basic dXNlcjE6cA==" is not
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+(?=[A-Za-z._~+/=-]*\\d)[A-Za-z0-9._~+/=-]{6,}"), "$1 " + REDACTED),
            // key=value, key: value and "key":"value" for keys that name a secret (client_secret, api_key, ...)
            new Rule(Pattern.compile("(?i)([\"']?\\b[\\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                    + "|credentials?|signature|sig)\\b[\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&,;}\"']+)"), ReasonText::keyValue),
            new Rule(Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s:@]+:[^/\\s@]+@"), "$1" + REDACTED + "@"),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), REDACTED));

    private ReasonText() {}

    /** The text without credentials and at most {@link #MAX_CHARS} long (plus a note of what was cut); null stays null. */
    public static String safe(String text) {
        if (text == null) return null;
        String s = text.length() > SCANNED_CHARS ? text.substring(0, SCANNED_CHARS) : text;
        for (Rule r : RULES) s = r.pattern().matcher(s).replaceAll(r.replacement());
        if (s.length() <= MAX_CHARS && text.length() <= SCANNED_CHARS) return s;
        int cut = Math.min(s.length(), MAX_CHARS);
        if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
        return s.substring(0, cut) + "... (cut from " + text.length() + " characters; the log has the whole error)";
    }
}
