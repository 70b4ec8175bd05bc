package io.sluice.outputs.file;

import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionException;
import io.sluice.api.template.FieldTemplate;
import io.sluice.api.template.MissingField;
import io.sluice.api.template.TemplateTarget;

import java.nio.file.Path;

/**
 * A file path with event fields in braces, such as {@code /var/log/sluice/{service.name}.ndjson}.
 *
 * <p>Field values come from the events, that is from whoever can send a log line, so they are made
 * safe before they become part of a path: separators and {@code ..} are replaced, empty or missing
 * values become {@code unknown} ({@link MissingField#WRITE_UNKNOWN}: the event is still written),
 * and long values are cut. The rendered file always lies under the directory written before the
 * first brace ({@link #baseDir()}).
 *
 * @param baseDir the directory every rendered path lies under
 */
record PathTemplate(FieldTemplate template, Path baseDir) {
    /** Well under the usual 255-byte name limit even after UTF-8 expansion of a few characters. */
    private static final int MAX_VALUE_CHARS = 100;

    /** One path segment from a value: no separator, no "..", no control character. */
    private static final TemplateTarget PATH_SEGMENT = (value, out) -> {
        int n = Math.min(value.length(), MAX_VALUE_CHARS);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '.' && i + 1 < n && value.charAt(i + 1) == '.') {
                // ".." could climb out of the base directory
                out.append("__");
                i++;
            } else if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                out.append('_');
            } else {
                out.append(c);
            }
        }
    };

    static PathTemplate parse(String text) throws OptionException {
        FieldTemplate template = FieldTemplate.parse(text, PATH_SEGMENT, MissingField.WRITE_UNKNOWN);
        Path base;
        if (template.isConstant()) {
            base = Path.of(text).toAbsolutePath().normalize().getParent();
        } else {
            String prefix = template.literal(0);
            int slash = prefix.lastIndexOf('/');
            base = Path.of(slash < 0 ? "." : prefix.substring(0, slash + 1)).toAbsolutePath().normalize();
        }
        return new PathTemplate(template, base);
    }

    /** True when the path takes values from events (so a batch may go to several files). */
    boolean isTemplated() {
        return !template.isConstant();
    }

    /** The path for one event, as text; {@code sb} is a scratch builder reused between calls. */
    String render(LogEvent event, StringBuilder sb) {
        return template.render(event, sb);
    }

    /** The template's text; equal texts make equal records, an unchanged output on hot reload. */
    @Override
    public String toString() {
        return template.toString();
    }
}
