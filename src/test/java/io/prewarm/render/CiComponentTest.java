package io.prewarm.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The CI/CD component templates/prewarm.yml: a spec, then the jobs; every input declared is used and vice versa. */
class CiComponentTest {
    private static final Pattern USE = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");

    @Test
    void everyInputIsUsedAndEveryUsedInputIsDeclared() throws Exception {
        List<JsonNode> docs = CiTemplate.documents(CiTemplate.FILE);
        assertThat(docs).hasSize(2);
        Set<String> declared = new TreeSet<>();
        docs.get(0).path("spec").path("inputs").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).contains("metrics_url", "shards", "base_branch", "terraform_image", "prewarm_image",
                "state_backend");
        String text = Files.readString(CiTemplate.FILE);
        String jobs = text.substring(text.indexOf("\n---\n"));
        Set<String> used = new TreeSet<>();
        Matcher m = USE.matcher(jobs);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isEqualTo(declared);
        assertThat(USE.matcher(text.substring(0, text.indexOf("\n---\n"))).find()).as("inputs used in the spec").isFalse();
        for (String input : declared) {
            assertThat(docs.get(0).path("spec").path("inputs").path(input).has("default"))
                    .as("input %s has a default (an include may set none)", input).isTrue();
        }
    }

    @Test
    void theJobsRunTheImageNotMavenAndTheDefaultImageIsThisVersion() throws Exception {
        JsonNode spec = CiTemplate.documents(CiTemplate.FILE).get(0).path("spec").path("inputs");
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>prewarm</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(v.find()).isTrue();
        assertThat(spec.path("prewarm_image").path("default").asText()).endsWith("/prewarm:" + v.group(1));
        JsonNode jobs = CiTemplate.jobs();
        for (String job : List.of("validate-policies", "propose-plan", "merge-shards")) {
            assertThat(jobs.path(job).path("image").path("name").asText()).isEqualTo("$[[ inputs.prewarm_image ]]");
            assertThat(jobs.path(job).path("script").toString()).contains("$PREWARM_CLI").doesNotContain("mvnw");
        }
        assertThat(Files.readString(CiTemplate.FILE)).doesNotContain("mvnw").doesNotContain("MAVEN");
    }

    @Test
    void prewarmsOwnPipelineIncludesTheComponentInsteadOfCopyingItsJobs() throws Exception {
        JsonNode ci = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(Path.of(".gitlab-ci.yml").toFile());
        assertThat(ci.path("include").get(0).path("local").asText()).isEqualTo("templates/prewarm.yml");
        assertThat(ci.has("terraform-jobs")).isFalse();
        assertThat(ci.has("terraform")).isFalse();
        assertThat(Files.readString(Path.of(".gitlab-ci.yml"))).doesNotContain("TF_ROOT_SCRIPT:");
    }

    @Test
    void everyScriptLineIsAStringAsGitLabRequires() throws Exception {
        // a plain YAML line with ": " in it parses as a map, which GitLab refuses ("script contains non string value")
        JsonNode jobs = CiTemplate.jobs();
        int lines = 0;
        for (var it = jobs.fields(); it.hasNext(); ) {
            var job = it.next();
            for (String key : List.of("before_script", "script", "after_script")) {
                for (JsonNode line : job.getValue().path(key)) {
                    assertThat(line.isTextual()).as(job.getKey() + "." + key + ": " + line).isTrue();
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(5);
    }

    @Test
    void aShardedScheduleEndsInOneMergeRequest() throws Exception {
        JsonNode jobs = CiTemplate.jobs();
        assertThat(jobs.path("propose-plan").path("script").toString()).contains("--no-merge-request");
        assertThat(jobs.path("merge-shards").path("needs").toString()).contains("propose-plan");
        assertThat(jobs.path("merge-shards").path("script").toString())
                .contains("merge-shards").contains("--shards \\\"$PREWARM_SHARDS\\\"");
    }
}
