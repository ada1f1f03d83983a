package io.prewarm.cli;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository `prewarm init` writes works as it is: its policies validate and plan on the demo metrics. */
@QuarkusMainTest
class InitScaffoldPlanTest {

    @Test
    void theScaffoldsPoliciesValidateAndPlanOnTheDemoMetrics(QuarkusMainLauncher launcher, @TempDir Path tmp) {
        Path repo = tmp.resolve("gitops");
        LaunchResult init = launcher.launch("init", repo.toString());
        assertThat(init.exitCode()).as(init.getErrorOutput()).isZero();

        LaunchResult validate = launcher.launch("validate", "--policies", repo.resolve("policies").toString());
        assertThat(validate.exitCode()).as(validate.getErrorOutput()).isZero();
        assertThat(validate.getOutput()).contains("5 policies valid").contains("target=aws-asg")
                .contains("target=kubernetes-hpa").contains("target=kubernetes-keda").contains("target=gcp-mig")
                .contains("target=azure-vmss");

        LaunchResult plan = launcher.launch("plan", "--repo", repo.toString(), "--policies",
                repo.resolve("policies").toString(), "--dry-run", "--now", "2026-11-28T00:00:00Z", "--metrics", "demo",
                "--scorecards", "0");
        assertThat(plan.exitCode()).as(plan.getErrorOutput()).isZero();
        assertThat(plan.getOutput()).contains("+++ b/generated/prod/checkout/main.tf")
                .contains("+++ b/generated/staging/reports/main.tf").contains("dry run, nothing committed");
    }
}
