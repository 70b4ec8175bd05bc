package io.sluice.config;

/** Builds and shortens key paths such as {@code inputs.app.listen} and {@code routes[0].to[1]}. */
final class KeyPaths {
    private KeyPaths() {}

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** The path one level up ({@code ""} is the whole file and its own parent). */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** True when {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
