package io.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a pipeline file into a Jackson tree while recording the line of every key and list item,
 * and expands {@code ${VAR}} in scalar values on the way. Walking the token stream ourselves (rather
 * than {@code readTree}) is what keeps the lines; it also lets us refuse what Jackson would accept
 * silently: duplicate keys, aliases, a second document.
 */
final class YamlTreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final EnvSubstitution env;
    private final Problems problems;
    private final Map<String, Integer> lines = new HashMap<>();

    YamlTreeReader(EnvSubstitution env, Problems problems) {
        this.env = env;
        this.problems = problems;
    }

    /**
     * The longest line a pipeline file may have. SnakeYAML's reader copies its whole look-ahead window
     * for every 1,024 characters of one token, so scanning a long line costs its length squared: a
     * 10 MB value took minutes. No setting needs a line this long (a certificate or a script goes in a
     * file, or in a block scalar whose lines are short).
     */
    static final int MAX_LINE_CHARS = 256 * 1024;

    /** The document, or null when there is none to bind (empty file, syntax error, too long a line; reported). */
    YamlDocument read(String yaml) {
        if (tooLongLine(yaml)) return null;
        try (StyleAwareParser p = (StyleAwareParser) FACTORY.createParser(new StringReader(yaml))) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                problems.error(1, "", "the file is empty; a pipeline needs at least one input and one output");
                return null;
            }
            lines.put("", line(p));
            JsonNode root = value(p, "");
            if (p.nextToken() != null) {
                problems.error(line(p), "", "a pipeline file holds one YAML document; remove the second one (after ---)");
            }
            return new YamlDocument(root, lines);
        } catch (JsonProcessingException e) {
            syntaxError(e, yaml);
            return null;
        } catch (IOException e) {
            problems.error(0, "", "cannot read: " + e);
            return null;
        }
    }

    /** Reports the first line longer than {@link #MAX_LINE_CHARS}, in one pass over the text. */
    private boolean tooLongLine(String yaml) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= yaml.length(); i++) {
            if (i < yaml.length() && yaml.charAt(i) != '\n') continue;
            if (i - start > MAX_LINE_CHARS) {
                problems.error(line, "", "line " + line + " is " + (i - start) + " characters long; a pipeline file's lines "
                        + "are at most " + MAX_LINE_CHARS + " (put a long value in a file, or in a block scalar: key: |)");
                return true;
            }
            line++;
            start = i + 1;
        }
        return false;
    }

    private JsonNode value(StyleAwareParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode obj = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = KeyPaths.child(path, key);
                    int keyLine = line(p);
                    p.nextToken();
                    JsonNode v = value(p, child);
                    if (obj.has(key)) {
                        problems.error(keyLine, child, "duplicate key; '" + key + "' is already set on line " + lines.get(child));
                    } else {
                        lines.put(child, keyLine);
                        obj.set(key, v);
                    }
                }
                return obj;
            }
            case START_ARRAY: {
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = KeyPaths.index(path, i++);
                    lines.put(child, line(p));
                    arr.add(value(p, child));
                }
                return arr;
            }
            case VALUE_STRING:
                return string(p, path);
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return NODES.numberNode(p.getIntValue());
                    case LONG: return NODES.numberNode(p.getLongValue());
                    default: return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                problems.error(line(p), path, "unsupported YAML value (" + t + "); write a string, number, boolean, list or map");
                return NODES.nullNode();
        }
    }

    private JsonNode string(StyleAwareParser p, String path) throws IOException {
        String text = p.getText();
        if (p.isCurrentAlias()) {
            // Jackson hands an alias over as its anchor's name, which would bind as that string.
            problems.error(line(p), path, "YAML aliases (*" + text + ") are not supported; write the value out");
            problems.settle(path);
            return NODES.textNode(text);
        }
        if (!EnvSubstitution.mayExpand(text)) return NODES.textNode(text);
        String expanded;
        try {
            expanded = env.expand(text);
        } catch (EnvSubstitution.SubstitutionException e) {
            problems.error(line(p), path, e.getMessage());
            problems.settle(path);
            return NODES.textNode(text);
        }
        // An unquoted `port: ${PORT}` must bind like `port: 5170` would; a quoted one stays a string.
        return p.isPlainScalar() ? plain(expanded) : NODES.textNode(expanded);
    }

    /** Resolves an expanded plain scalar as YAML 1.2's core schema would (booleans, numbers). */
    private static JsonNode plain(String s) {
        switch (s) {
            case "true": case "True": case "TRUE": return NODES.booleanNode(true);
            case "false": case "False": case "FALSE": return NODES.booleanNode(false);
            default: break;
        }
        if (INTEGER.matcher(s).matches()) {
            try {
                return NODES.numberNode(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
            } catch (NumberFormatException tooLong) {
                return NODES.textNode(s);
            }
        }
        if (FLOAT.matcher(s).matches()) return NODES.numberNode(Double.parseDouble(s));
        return NODES.textNode(s);
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    private void syntaxError(JsonProcessingException e, String yaml) {
        int line = e.getLocation() == null ? 0 : Math.max(1, e.getLocation().getLineNr());
        String message = oneLine(e.getOriginalMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                line = m.getProblemMark().getLine() + 1;
                message = (m.getContext() == null ? "" : m.getContext() + ": ") + oneLine(m.getProblem());
                break;
            }
        }
        problems.error(line, "", "YAML syntax error: " + message + hint(yaml, line));
    }

    /** The one YAML trap substitution adds: inside {...} or [...], a plain ${VAR}'s braces are YAML's. */
    private static String hint(String yaml, int line) {
        String[] all = yaml.split("\n", -1);
        if (line < 1 || line > all.length || !all[line - 1].contains("${")) return "";
        return " (inside {...} or [...], quote values that use ${VAR}: \"${VAR}\")";
    }

    private static String oneLine(String s) {
        if (s == null) return "unreadable YAML";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static final YAMLFactory FACTORY = new StyleAwareFactory();

    /** Gives the parser below; YAML 1.2 booleans only (no yes/no/on/off), and "" stays a string. */
    private static final class StyleAwareFactory extends YAMLFactory {
        StyleAwareFactory() {
            configure(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS, true);
            configure(YAMLParser.Feature.EMPTY_STRING_AS_NULL, false);
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new StyleAwareParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, r);
        }
    }

    /** Exposes whether the current string scalar was written unquoted. */
    private static final class StyleAwareParser extends YAMLParser {
        StyleAwareParser(IOContext ctxt, int features, int yamlFeatures, org.yaml.snakeyaml.LoaderOptions options, Reader r) {
            super(ctxt, features, yamlFeatures, options, null, r);
        }

        boolean isPlainScalar() {
            return _lastEvent instanceof ScalarEvent s && s.isPlain();
        }
    }
}
