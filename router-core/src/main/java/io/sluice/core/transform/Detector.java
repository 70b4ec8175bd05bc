package io.sluice.core.transform;

import com.google.re2j.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One kind of secret or personal data {@code redact} finds: an RE2/J pattern (linear time) and, where
 * digits alone would give false positives, a check of the match (Luhn for cards, mod 97 for IBANs).
 */
record Detector(String name, Pattern pattern, Predicate<String> valid) {
    /** The built-in detectors by name; {@code ip} is off unless asked for. */
    static final Map<String, Detector> BUILT_IN = new LinkedHashMap<>();

    static {
        add("email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", m -> true);
        // 13 to 19 digits, optionally grouped by spaces or dashes, starting like a card network's numbers
        add("credit_card", "\\b[2-6]\\d{3}(?:[ -]?\\d){9,15}\\b", m -> cardNetworkLength(m) && luhn(m));
        add("iban", "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b", Detector::ibanChecksum);
        add("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", m -> true);
        add("bearer_token", "(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{8,}=*", m -> true);
        add("aws_access_key", "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b", m -> true);
        add("private_key", "(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", m -> true);
        add("ip", "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b", m -> true);
    }

    private static void add(String name, String regex, Predicate<String> valid) {
        BUILT_IN.put(name, new Detector(name, Pattern.compile(regex), valid));
    }

    /**
     * True when the digits have a length some card network issues with that prefix (Visa 4: 13, 16
     * or 19; Mastercard: 16; Amex 34/37: 15; Diners, JCB, Discover, UnionPay: 14 to 19). With the Luhn
     * check alone one digit run in ten would pass, e.g. the tail of a mistyped IBAN.
     */
    static boolean cardNetworkLength(String match) {
        String d = match.replaceAll("[ -]", "");
        int n = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        if (d.charAt(0) == '4') return n == 13 || n == 16 || n == 19;
        if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) return n == 16;
        if (two == 34 || two == 37) return n == 15;
        if (two == 36 || two == 38 || two == 39 || two == 35 || two == 62 || two == 65 || four >= 3000 && four <= 3059
                || four == 6011 || four >= 6440 && four <= 6499) {
            return n >= 14 && n <= 19;
        }
        return false;
    }

    static boolean luhn(String match) {
        int sum = 0;
        int digits = 0;
        for (int i = match.length() - 1; i >= 0; i--) {
            char c = match.charAt(i);
            if (c < '0' || c > '9') continue;
            int d = c - '0';
            if (digits++ % 2 == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /** ISO 13616: country and check digits moved to the end, letters as 10..35, the number mod 97 is 1. */
    static boolean ibanChecksum(String match) {
        String s = match.replace(" ", "");
        if (s.length() < 15 || s.length() > 34) return false;
        String moved = s.substring(4) + s.substring(0, 4);
        int rest = 0;
        for (int i = 0; i < moved.length(); i++) {
            int v = Character.digit(moved.charAt(i), 36);
            if (v < 0) return false;
            rest = v >= 10 ? (rest * 100 + v) % 97 : (rest * 10 + v) % 97;
        }
        return rest == 1;
    }
}
