package io.sluice.outputs.elasticsearch;

import org.apache.http.HttpHost;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The {@code hosts} option: URLs of Elasticsearch nodes, checked and turned into client hosts. */
final class Hosts {
    private Hosts() {}

    static boolean allValid(List<String> urls) {
        if (urls.isEmpty()) return false;
        for (String url : urls) {
            if (parse(url) == null) return false;
        }
        return true;
    }

    static List<HttpHost> toHttpHosts(List<String> urls) {
        List<HttpHost> hosts = new ArrayList<>();
        for (String url : urls) {
            HttpHost h = parse(url);
            if (h == null) throw new IllegalArgumentException("not an Elasticsearch URL: " + url);
            hosts.add(h);
        }
        return hosts;
    }

    static boolean anyHttps(List<String> urls) {
        return urls.stream().anyMatch(u -> u.trim().toLowerCase(java.util.Locale.ROOT).startsWith("https:"));
    }

    /** The host, or null when the text is not an http(s) URL with a host and at most a "/" path. */
    private static HttpHost parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (Exception e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) return null;
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null) return null;
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) return null;
        int port = uri.getPort() != -1 ? uri.getPort() : 9200;
        return new HttpHost(uri.getHost(), port, scheme);
    }
}
