package io.sluice.inputs.container;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the files the {@code paths} globs match and the {@code exclude} globs do not. Each glob is
 * walked from its fixed leading directory, only as deep as the glob reaches ({@code **}: any depth).
 * Unreadable directories are skipped; the next scan tries again.
 */
final class Discovery {
    private record Root(Path base, int depth, PathMatcher matcher) {}

    private final List<Root> roots = new ArrayList<>();
    private final List<PathMatcher> excludes = new ArrayList<>();

    Discovery(List<String> paths, List<String> exclude) {
        for (String glob : paths) {
            String abs = absolute(glob);
            roots.add(new Root(base(abs), depth(abs), FileSystems.getDefault().getPathMatcher("glob:" + abs)));
        }
        for (String glob : exclude) {
            excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.contains("/")) excludes.add(FileSystems.getDefault().getPathMatcher("glob:" + absolute(glob)));
        }
    }

    /** The directories to watch for new files. */
    Set<Path> baseDirectories() {
        Set<Path> out = new LinkedHashSet<>();
        for (Root r : roots) out.add(r.base());
        return out;
    }

    /** Every regular file (symlinks followed) that matches now, in a stable order. */
    Set<Path> scan() {
        Set<Path> found = new LinkedHashSet<>();
        for (Root r : roots) {
            if (!Files.isDirectory(r.base())) continue;
            try {
                // links followed: a base like /var/log may itself be a link; loops end in visitFileFailed
                Files.walkFileTree(r.base(), EnumSet.of(FileVisitOption.FOLLOW_LINKS), r.depth(),
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                if (r.matcher().matches(file) && !excluded(file) && Files.isRegularFile(file)) {
                                    found.add(file);
                                }
                                return FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                // the base vanished mid-walk: nothing to tail there now
            }
        }
        return found;
    }

    private boolean excluded(Path file) {
        Path name = file.getFileName();
        for (PathMatcher m : excludes) {
            if (m.matches(file) || (name != null && m.matches(name))) return true;
        }
        return false;
    }

    private static String absolute(String glob) {
        if (glob.startsWith("/")) return glob;
        return Paths.get("").toAbsolutePath() + "/" + glob;
    }

    /** The leading directories without glob characters. */
    static Path base(String absGlob) {
        String[] parts = absGlob.split("/");
        StringBuilder sb = new StringBuilder("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) continue;
            if (hasGlob(parts[i])) break;
            sb.append(parts[i]).append('/');
        }
        return Paths.get(sb.toString());
    }

    /** How many levels below the base a glob reaches. */
    static int depth(String absGlob) {
        if (absGlob.contains("**")) return Integer.MAX_VALUE;
        int below = 0;
        boolean inGlob = false;
        String[] parts = absGlob.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) continue;
            if (i == parts.length - 1 || hasGlob(parts[i])) inGlob = true;
            if (inGlob) below++;
        }
        return Math.max(below, 1);
    }

    private static boolean hasGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') return true;
        }
        return false;
    }
}
