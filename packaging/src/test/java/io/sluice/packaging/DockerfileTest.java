package io.sluice.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image recipe, checked for what the image must be (no Docker engine runs here): built
 * from the sources in one stage, run on the Java the distribution ships in another, as a non-root user, with the data dir as
 * its only writable volume, the admin port exposed and a health check on {@code /health/live}.
 */
class DockerfileTest {
    private final Dockerfile docker = Dockerfile.parse(ProjectFiles.read("Dockerfile"));

    @Test
    void buildsWithMavenInOneStageAndRunsOnTheDistributionsOwnJavaInAnother() {
        List<Dockerfile.Instruction> froms = docker.all("FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0).arguments()).startsWith("maven:3.9-eclipse-temurin-17").containsIgnoringCase(" AS build");
        assertThat(froms.get(froms.size() - 1).arguments()).startsWith("debian:12-slim");

        // the build links the Java 25 runtime the distribution ships from a JDK 25 it copies in
        Matcher jdk = Pattern.compile("--from=eclipse-temurin:25-jdk /opt/java/openjdk (\\S+)").matcher(
                String.join("\n", docker.all("COPY").stream().filter(c -> c.stage() == 0).map(Dockerfile.Instruction::arguments).toList()));
        assertThat(jdk.find()).as("a COPY of Temurin's JDK 25 into the build stage").isTrue();
        assertThat(docker.all("RUN").stream().filter(r -> r.stage() == 0).map(Dockerfile.Instruction::arguments))
                .anySatisfy(run -> assertThat(run).contains("./mvnw").contains("-DskipTests")
                        .contains("-Dsluice.runtime.jdk=" + jdk.group(1)).contains("-pl packaging -am package"));
        assertThat(docker.runtime("COPY").stream().map(Dockerfile.Instruction::arguments))
                .anySatisfy(copy -> assertThat(copy).startsWith("--from=build"));
    }

    @Test
    void runsAsANonRootUser() {
        Dockerfile.Instruction user = docker.effective("USER");
        assertThat(user).as("USER in the runtime stage").isNotNull();
        String name = user.arguments().split(":")[0];
        assertThat(name).isNotIn("0", "root");
        assertThat(name).as("numeric, so Kubernetes runAsNonRoot can check it").isEqualTo("10001");
    }

    @Test
    void theDataDirIsTheVolumeAndTheAdminPortIsExposed() {
        assertThat(docker.runtime("VOLUME").stream().map(Dockerfile.Instruction::arguments))
                .anySatisfy(v -> assertThat(v).contains("/var/lib/sluice"));
        assertThat(docker.runtime("EXPOSE").stream().map(Dockerfile.Instruction::arguments))
                .anySatisfy(e -> assertThat(e.split("\\s+")).contains("8686"));
        // The image's pipelines read these: data in the volume, admin reachable through the exposed port.
        String env = String.join(" ", docker.runtime("ENV").stream().map(Dockerfile.Instruction::arguments).toList());
        assertThat(env).contains("SLUICE_DATA_DIR=/var/lib/sluice").contains("SLUICE_ADMIN_LISTEN=0.0.0.0:8686");
    }

    @Test
    void healthCheckProbesLivenessOnTheAdminPort() throws Exception {
        Dockerfile.Instruction hc = docker.effective("HEALTHCHECK");
        assertThat(hc).as("HEALTHCHECK").isNotNull();
        assertThat(hc.arguments()).contains("CMD").contains("/health/live").contains("8686");
        // wget is not in the Debian slim image; bash is (the launcher needs it too).
        assertThat(healthCheckCommand(docker)).first().isEqualTo("bash");
    }

    @Test
    void theClassDataArchiveTheImageMakesIsTheOneItsJvmOptionsUse() {
        Matcher made = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+?)\"").matcher(
                String.join("\n", docker.runtime("RUN").stream().map(Dockerfile.Instruction::arguments).toList()));
        assertThat(made.find()).as("a RUN that dumps a class-data archive").isTrue();
        String env = String.join(" ", docker.runtime("ENV").stream().map(Dockerfile.Instruction::arguments).toList());
        assertThat(env).contains("-XX:SharedArchiveFile=" + made.group(1));
        // Pods override SLUICE_JAVA_OPTS: they must name the same archive (or none).
        for (String shape : ProjectFiles.SHAPES) {
            assertThat(ProjectFiles.read("packaging/kubernetes/" + shape + "/sluice.yaml").lines().filter(l -> l.contains("SharedArchiveFile")))
                    .allSatisfy(l -> assertThat(l).contains("-XX:SharedArchiveFile=" + made.group(1)));
        }
    }

    @Test
    void entrypointIsTheLauncherAndTheDefaultPipelineShips() throws Exception {
        JsonNode entrypoint = new ObjectMapper().readTree(docker.effective("ENTRYPOINT").arguments());
        assertThat(entrypoint.get(0).asText()).isEqualTo("/opt/sluice/bin/sluice");
        assertThat(docker.runtime("COPY").stream().map(Dockerfile.Instruction::arguments))
                .anySatisfy(c -> assertThat(c).contains("/opt/sluice/config/sidecar.yaml").endsWith("/etc/sluice/pipeline.yaml"));
        assertThat(ProjectFiles.examplePipeline("sidecar")).exists();
    }

    @Test
    void theBuildContextLeavesOutBuildOutput() throws Exception {
        List<String> ignored = Files.readAllLines(ProjectFiles.path(".dockerignore"));
        assertThat(ignored).contains("**/target/", ".git");
    }

    /** The HEALTHCHECK's exec-form command as its arguments. */
    static List<String> healthCheckCommand(Dockerfile docker) throws Exception {
        String args = docker.effective("HEALTHCHECK").arguments();
        JsonNode cmd = new ObjectMapper().readTree(args.substring(args.indexOf("CMD") + 3).strip());
        return Manifest.elements(cmd).stream().map(JsonNode::asText).toList();
    }
}
