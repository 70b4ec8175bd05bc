package io.sluice.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The chart in {@code packaging/helm/sluice}, linted and rendered by Helm itself (helm-java embeds
 * Helm's Go library, so no helm binary is needed), and its golden snapshots.
 */
final class HelmChart {
    static final String RELEASE = "sluice";
    static final String NAMESPACE = "logging";
    /**
     * Rewrites the golden files from what Helm renders now instead of comparing:
     * {@code ./mvnw -B -o -pl packaging -am test -Dtest=HelmChartTest -Dsluice.updateSnapshots=true -Dsurefire.failIfNoSpecifiedTests=false}.
     */
    static final boolean UPDATE_SNAPSHOTS = Boolean.getBoolean("sluice.updateSnapshots");
    /** The admin token Secret's value is random per render (randAlphaNum); snapshots hold a placeholder. */
    private static final Pattern RANDOM_TOKEN = Pattern.compile("(?m)^(  token: )\\S+$");

    private HelmChart() {}

    static Path dir() {
        return ProjectFiles.path("packaging/helm/sluice");
    }

    static LintResult lint() {
        return new Helm(dir()).lint().strict().call();
    }

    /** {@code helm template sluice packaging/helm/sluice -n logging --set k=v...} */
    static String render(Map<String, String> values) {
        TemplateCommand template = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        values.forEach(template::set);
        return template.call();
    }

    static Manifest manifest(Map<String, String> values) {
        return Manifest.parse(dir().resolve("rendered"), render(values));
    }

    /** The rendered text as a snapshot holds it: the random token replaced by a placeholder. */
    static String snapshotText(String rendered) {
        return RANDOM_TOKEN.matcher(rendered).replaceAll("$1<random>");
    }

    static Path snapshot(String name) {
        return ProjectFiles.path("packaging/src/test/resources/helm/" + name + ".yaml");
    }

    static String readSnapshot(String name) {
        try {
            return Files.readString(snapshot(name));
        } catch (IOException e) {
            throw new UncheckedIOException("no snapshot " + snapshot(name) + "; create it with -Dsluice.updateSnapshots=true", e);
        }
    }

    static void writeSnapshot(String name, String text) {
        try {
            Files.createDirectories(snapshot(name).getParent());
            Files.writeString(snapshot(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
