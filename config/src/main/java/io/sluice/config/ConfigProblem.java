package io.sluice.config;

import java.nio.file.Path;

/**
 * One thing wrong (or worth a warning) in a pipeline file, printed as {@code file:line: path: message}
 * so editors and CI logs can jump to it.
 *
 * @param file    the pipeline file as the user named it
 * @param line    1-based line; 0 when the problem has no line (e.g. the file cannot be read)
 * @param path    the key path, e.g. {@code inputs.app.listen} or {@code routes[0].to}; empty for the whole file
 * @param message what is wrong and, where it helps, what to write instead
 */
public record ConfigProblem(Path file, int line, String path, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (!path.isEmpty()) sb.append(path).append(": ");
        return sb.append(message).toString();
    }
}
