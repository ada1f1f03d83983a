package io.prewarm.render;

import io.prewarm.testing.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the {@code terraform-jobs} script of {@code templates/prewarm.yml} on a real Git repository and reads the child
 * pipeline it generates: a merge applies the reviewed plan ({@code apply}), serve's commits and triggers apply
 * afresh ({@code emergency}), and two roots that would share one state name are refused.
 */
class GitLabCiTerraformJobsTest {
    private static String script;

    @BeforeAll
    static void readScript() throws IOException {
        JsonNode job = CiTemplate.jobs().path("terraform-jobs");
        script = job.path("script").get(0).asText();
        Tools.require("git", "apt-get install git");
        Tools.require("sh", "apt-get install dash");
    }

    private static String git(Path repo, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        ExternalTools.Result r = ExternalTools.run(repo, Map.of("GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@x",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@x"), 60, command);
        assertThat(r.exit()).as(r.output()).isZero();
        return r.output().trim();
    }

    private static void write(Path repo, String path, String text) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text, StandardCharsets.UTF_8);
    }

    /** Two commits on main, the second changing prod/checkout; returns the environment of its push pipeline. */
    private static Map<String, String> pushed(Path repo, String message) throws IOException {
        git(repo, "init", "-q", "-b", "main");
        write(repo, "generated/prod/checkout/main.tf", "# a\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "first");
        String before = git(repo, "rev-parse", "HEAD");
        write(repo, "generated/prod/checkout/main.tf", "# b\n");
        git(repo, "commit", "-q", "-am", message);
        Map<String, String> env = new HashMap<>();
        env.put("CI_PIPELINE_SOURCE", "push");
        env.put("TF_MODE", "apply");
        env.put("CI_COMMIT_BEFORE_SHA", before);
        env.put("CI_COMMIT_SHA", git(repo, "rev-parse", "HEAD"));
        env.put("CI_COMMIT_MESSAGE", message);
        env.put("TERRAFORM_IMAGE", "hashicorp/terraform:1.11.4");
        env.put("TF_INIT_ARGS", "");
        env.put("JQ_VERSION", "1.7.1-r0");
        env.put("PREWARM_APPLY_REPLAN", "false");
        return env;
    }

    private static JsonNode childPipeline(Path repo, Map<String, String> env) throws IOException {
        ExternalTools.Result r = ExternalTools.run(repo, env, 60, "sh", "-c", script);
        assertThat(r.exit()).as(r.output()).isZero();
        return new YAMLMapper().readTree(repo.resolve("terraform-jobs.yml").toFile());
    }

    @Test
    void aMergeAppliesTheReviewedPlanOneEnvironmentAtATime(@TempDir Path repo) throws IOException {
        JsonNode child = childPipeline(repo, pushed(repo, "Merge branch 'prewarm/plan-2026-11-28' into 'main'"));

        JsonNode apply = child.path("apply:prod");
        assertThat(apply.path("resource_group").asText()).isEqualTo("terraform-prod");
        assertThat(apply.path("variables").path("ROOTS").asText().trim()).isEqualTo("generated/prod/checkout");
        assertThat(apply.path("variables").path("PREWARM_APPLY_REPLAN").asText()).isEqualTo("false");
        assertThat(apply.path("script").get(1).asText()).contains("sh -c \"$TF_ROOT_SCRIPT\" -- apply \"$root\"");
    }

    @Test
    void serveEmergencyCommitIsAppliedAfreshWithoutAReviewedPlan(@TempDir Path repo) throws IOException {
        JsonNode child = childPipeline(repo, pushed(repo, "prewarm: emergency freeze of prod/checkout (em-1)"));

        assertThat(child.path("apply:prod").path("script").get(1).asText()).contains("-- emergency \"$root\"");
    }

    @Test
    void rootsThatWouldShareOneStateNameAreRefused(@TempDir Path repo) throws IOException {
        Map<String, String> env = pushed(repo, "Merge branch 'x' into 'main'");
        write(repo, "generated/a-b/c/main.tf", "# 1\n");
        write(repo, "generated/a/b-c/main.tf", "# 2\n");

        ExternalTools.Result r = ExternalTools.run(repo, env, 60, "sh", "-c", script);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("roots share the state name(s) a-b-c");
    }

    @Test
    void prometheusRulesBesideTheRootsAreNotATerraformRoot(@TempDir Path repo) throws IOException {
        Map<String, String> env = pushed(repo, "Merge branch 'prewarm/plan-2026-11-28' into 'main'");
        git(repo, "reset", "-q", "--soft", "HEAD~1");
        write(repo, "generated/prometheus/prod/checkout.rules.yml", "groups: []\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", env.get("CI_COMMIT_MESSAGE"));
        env.put("CI_COMMIT_SHA", git(repo, "rev-parse", "HEAD"));

        JsonNode child = childPipeline(repo, env);

        assertThat(child.path("apply:prod").path("variables").path("ROOTS").asText().trim())
                .isEqualTo("generated/prod/checkout");
        assertThat(child.has("apply:prometheus")).as(child.toString()).isFalse();
    }
}
