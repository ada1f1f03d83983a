package io.prewarm.render;

import io.prewarm.testing.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.prewarm.common.ServiceKey;
import io.prewarm.common.TargetKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code TF_ROOT_SCRIPT} of {@code templates/prewarm.yml} (the script every Terraform job runs per root) with
 * the real terraform against {@link GitLabStateServer}: GitLab-managed state under {@code <env>-<service>},
 * the merge request's plan saved as the reviewed plan, and the merge's apply of exactly that plan. The root
 * holds prewarm's {@code backend.tf} and a {@code terraform_data} resource, which needs no cloud; the AWS
 * root prewarm renders is initialised against the same server with the offline provider.
 *
 * <p>Skips with the reason when terraform (or sh, jq, curl, unzip, sha256sum) is missing, and fails instead
 * when {@code -Dprewarm.requireTools=true} ({@code .ci/run}, which names terraform optional where it is absent).
 */
class GitLabCiTerraformTest {
    private static final String TOKEN = "job-token-7f3c9a1e5b";
    private static final String ROOT = "generated/prod/checkout";
    private static final String MAIN = """
            variable "size" {
              type    = number
              default = 12
            }

            resource "terraform_data" "capacity" {
              input = var.size
            }
            """;
    private static String script;

    private GitLabStateServer gitlab;

    @BeforeAll
    static void readScript() throws IOException {
        JsonNode ci = CiTemplate.jobs();
        JsonNode variable = ci.path("terraform").path("variables").path("TF_ROOT_SCRIPT");
        assertThat(variable.path("expand").asBoolean(true)).as("TF_ROOT_SCRIPT must not be expanded by GitLab").isFalse();
        script = variable.path("value").asText();
        assertThat(script).as("TF_ROOT_SCRIPT in templates/prewarm.yml").isNotBlank();
    }

    @BeforeEach
    void start() throws IOException {
        requireTools();
        gitlab = new GitLabStateServer(TOKEN);
    }

    @AfterEach
    void stop() {
        if (gitlab != null) {
            gitlab.close();
        }
    }

    static void requireTools() {
        ExternalTools.requireTerraform();
        for (String tool : List.of("sh", "jq", "curl", "unzip", "sha256sum")) {
            Tools.require(tool, "apt-get install " + (tool.equals("sha256sum") ? "coreutils" : tool)
                    + "; the CI Terraform jobs need it");
        }
    }

    /** A fresh checkout of the root, as a CI job sees it: the files only. */
    private static Path checkout(Path dir, String main) throws IOException {
        Path root = dir.resolve(ROOT);
        Files.createDirectories(root);
        Files.writeString(root.resolve("backend.tf"),
                TerraformBackend.HTTP.render(ServiceKey.of("prod", "checkout")).orElseThrow(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("main.tf"), main, StandardCharsets.UTF_8);
        return dir;
    }

    private ExternalTools.Result job(Path checkout, String mode, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("CI_API_V4_URL", gitlab.apiUrl());
        env.put("CI_PROJECT_ID", GitLabStateServer.PROJECT);
        env.put("CI_JOB_TOKEN", TOKEN);
        env.put("TF_INIT_ARGS", "");
        env.put("TF_IN_AUTOMATION", "1");
        env.put("PREWARM_APPLY_REPLAN", "false");
        env.putAll(extra);
        return ExternalTools.run(checkout, env, 300, "sh", "-c", script, "--", mode, ROOT);
    }

    private ExternalTools.Result job(Path checkout, String mode) {
        return job(checkout, mode, Map.of());
    }

    @Test
    void mergeRequestPlanIsWhatTheMergeAppliesAndTheStateLandsUnderEnvDashService(@TempDir Path dir) throws IOException {
        ExternalTools.Result plan = job(checkout(dir.resolve("mr"), MAIN), "plan");
        assertThat(plan.exit()).as(plan.output()).isZero();
        assertThat(plan.output()).contains("saved the reviewed plan of " + ROOT + " as prewarm-plans/");
        assertThat(gitlab.packages().keySet()).singleElement().asString()
                .matches("prewarm-plans/[0-9a-f]{64}/prod-checkout\\.tfplan");
        assertThat(gitlab.state("prod-checkout")).as("a plan writes no state").isEmpty();

        ExternalTools.Result apply = job(checkout(dir.resolve("merge"), MAIN), "apply");

        assertThat(apply.exit()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
        assertThat(gitlab.state("prod-checkout")).get().asString()
                .contains("\"terraform_data\"").contains("\"capacity\"");
        assertThat(gitlab.requests()).contains(
                "POST /api/v4/projects/42/terraform/state/prod-checkout/lock",
                "POST /api/v4/projects/42/terraform/state/prod-checkout",
                "DELETE /api/v4/projects/42/terraform/state/prod-checkout/lock");
        assertThat(gitlab.locked("prod-checkout")).isFalse();
        assertThat(plan.output() + apply.output()).doesNotContain(TOKEN);
    }

    @Test
    void mergeWithoutAReviewedPlanIsRefusedAndTheStateIsLeftAlone(@TempDir Path dir) throws IOException {
        ExternalTools.Result apply = job(checkout(dir, MAIN), "apply");

        assertThat(apply.exit()).as(apply.output()).isEqualTo(1);
        assertThat(apply.output()).contains("refusing to apply " + ROOT
                + ": no merge request pipeline planned these files");
        assertThat(gitlab.state("prod-checkout")).isEmpty();
    }

    @Test
    void missingReviewedPlanIsReplannedOnlyWhenExplicitlyAllowed(@TempDir Path dir) throws IOException {
        ExternalTools.Result apply = job(checkout(dir, MAIN), "apply", Map.of("PREWARM_APPLY_REPLAN", "true"));

        assertThat(apply.exit()).as(apply.output()).isZero();
        assertThat(apply.output()).contains("no reviewed plan for " + ROOT + "; PREWARM_APPLY_REPLAN=true");
        assertThat(gitlab.state("prod-checkout")).get().asString().contains("\"capacity\"");
    }

    @Test
    void stalePlanIsRefusedWhenTheStateChangedAfterTheReview(@TempDir Path dir) throws IOException {
        assertThat(job(checkout(dir.resolve("mr"), MAIN), "plan").exit()).isZero();
        ExternalTools.Result emergency = job(checkout(dir.resolve("emergency"), MAIN), "emergency");
        assertThat(emergency.exit()).as(emergency.output()).isZero();
        String stateAfterEmergency = gitlab.state("prod-checkout").orElseThrow();

        ExternalTools.Result apply = job(checkout(dir.resolve("merge"), MAIN), "apply");

        assertThat(apply.exit()).as(apply.output()).isEqualTo(1);
        assertThat(apply.output()).contains("Saved plan is stale")
                .contains("refusing to apply " + ROOT + ": its state changed after the merge request's plan");
        assertThat(gitlab.state("prod-checkout")).contains(stateAfterEmergency);

        ExternalTools.Result replan = job(checkout(dir.resolve("merge-again"), MAIN), "apply",
                Map.of("PREWARM_APPLY_REPLAN", "true"));
        assertThat(replan.exit()).as(replan.output()).isZero();
        assertThat(replan.output()).contains("is stale; PREWARM_APPLY_REPLAN=true").contains("No changes.");
    }

    @Test
    void reviewedPlanOfOtherFilesIsRefused(@TempDir Path dir) throws IOException {
        assertThat(job(checkout(dir.resolve("mr"), MAIN), "plan").exit()).isZero();
        gitlab.serveForAnyPackage(gitlab.packages().values().iterator().next());

        ExternalTools.Result apply = job(checkout(dir.resolve("merge"), MAIN.replace("default = 12", "default = 40")),
                "apply");

        assertThat(apply.exit()).as(apply.output()).isEqualTo(1);
        assertThat(apply.output()).contains("refusing to apply " + ROOT
                + ": the reviewed plan was made from other files than the merged ones");
        assertThat(gitlab.state("prod-checkout")).isEmpty();
    }

    @Test
    void reviewedPlanWithVariablesOtherThanTheDefaultsIsRefused(@TempDir Path dir) throws IOException {
        ExternalTools.Result plan = job(checkout(dir.resolve("mr"), MAIN), "plan", Map.of("TF_CLI_ARGS_plan", "-var=size=99"));
        assertThat(plan.exit()).as(plan.output()).isZero();

        ExternalTools.Result apply = job(checkout(dir.resolve("merge"), MAIN), "apply");

        assertThat(apply.exit()).as(apply.output()).isEqualTo(1);
        assertThat(apply.output()).contains("refusing to apply " + ROOT
                + ": the reviewed plan sets variables other than their defaults");
        assertThat(gitlab.state("prod-checkout")).isEmpty();
    }

    @Test
    void renderedAwsRootInitialisesAgainstGitLabStateAndItsStateIsStoredUnderEnvDashService(@TempDir Path dir) {
        Path plugins = ExternalTools.requireAwsProvider();
        RenderedFiles files = new Renderers(TerraformBackend.HTTP).forKind(TargetKind.AWS_ASG).render(PlanFixtures.awsPlan());
        GoldenFiles.write(files, dir);
        Path root = dir.resolve(ROOT);
        String address = gitlab.apiUrl() + "/projects/42/terraform/state/prod-checkout";
        Map<String, String> env = Map.of("TF_HTTP_PASSWORD", TOKEN, "TF_IN_AUTOMATION", "1");

        ExternalTools.Result init = ExternalTools.run(root, env, 300, "terraform", "init", "-input=false", "-no-color",
                "-plugin-dir=" + plugins, "-backend-config=address=" + address,
                "-backend-config=lock_address=" + address + "/lock", "-backend-config=unlock_address=" + address + "/lock",
                "-backend-config=username=gitlab-ci-token", "-backend-config=lock_method=POST",
                "-backend-config=unlock_method=DELETE");
        assertThat(init.exit()).as(init.output()).isZero();
        assertThat(init.output()).contains("Successfully configured the backend \"http\"");
        Path state = dir.resolve("pushed.tfstate");
        writeState(state);
        ExternalTools.Result push = ExternalTools.run(root, env, 120, "terraform", "state", "push", "-force",
                state.toString());
        removeProviderLinks(root.resolve(".terraform"));

        assertThat(push.exit()).as(push.output()).isZero();
        assertThat(gitlab.state("prod-checkout")).get().asString().contains("\"version\": 4");
        assertThat(gitlab.requests()).containsSubsequence("POST /api/v4/projects/42/terraform/state/prod-checkout/lock",
                "POST /api/v4/projects/42/terraform/state/prod-checkout",
                "DELETE /api/v4/projects/42/terraform/state/prod-checkout/lock");
    }

    /** terraform init links the offline provider into .terraform; remove the links, never their targets. */
    private static void removeProviderLinks(Path dotTerraform) {
        try (var paths = Files.walk(dotTerraform)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeState(Path file) {
        try {
            Files.writeString(file, """
                    {"version": 4, "terraform_version": "1.11.4", "serial": 7,
                     "lineage": "0f1e2d3c-prewarm-test-lineage", "outputs": {}, "resources": []}
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
