package io.prewarm.pipeline;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.gitops.MergeRequestDraft;
import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.gitops.PlanSnapshotFixtures;
import io.prewarm.plan.CapacityPlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.prewarm.gitops.PlanSnapshotFixtures.plan;
import static io.prewarm.gitops.PlanSnapshotFixtures.weekday;
import static org.assertj.core.api.Assertions.assertThat;

class MergeRequestDescriptionTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/mr");
    static final Instant NOW = PlanSnapshotFixtures.NOW;
    static final String COMMIT = "3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345";

    static ServiceResult updated(CapacityPlan p) {
        return new ServiceResult(p.key(), ServiceResult.Status.UPDATED, p.reasons(), List.of("generated/" + p.key().path()
                + "/main.tf"), "plan changed", Optional.of(p), 8064, 3);
    }

    static ServiceResult other(String env, String svc, ServiceResult.Status status, String message, ReasonCode... reasons) {
        return new ServiceResult(ServiceKey.of(env, svc), status, List.of(reasons), List.of(), message, Optional.empty(), 0, 0);
    }

    static MergeRequestDescription.Input fleet() {
        CapacityPlan checkout = plan("prod", "checkout", 1650, 3, 80, List.of(
                PlanSnapshotFixtures.cron("night-2100-floor", "0 21 * * *", 3, -1, -1, ReasonCode.MIN_LIMIT, "policy minimum 3"),
                PlanSnapshotFixtures.cron("weekday-0630-prewarm", "30 6 * * 1-5", 10, -1, 10, ReasonCode.PREWARM,
                        "morning ramp needs 10 by 07:00; 30 min lead"),
                PlanSnapshotFixtures.cron("weekday-0830-peak", "30 8 * * 1-5", 20, -1, -1, ReasonCode.PREDICTED_PEAK,
                        "upper forecast plateau 09:00-17:00 needs 20"),
                PlanSnapshotFixtures.cron("weekday-1700-down", "0 17 * * 1-5", 16, -1, -1, ReasonCode.SCALE_DOWN_STEP,
                        "-20% per 10 min window"),
                PlanSnapshotFixtures.once("holiday-2026-12-24", Instant.parse("2026-12-24T07:30:00Z"), 6, ReasonCode.HOLIDAY,
                        "Christmas Eve: half the weekday peak")),
                List.of("History had 3 missing samples (filled)."));
        PlanSnapshot before = PlanSnapshot.of(plan("prod", "checkout", 1400, 3, 80, List.of(
                PlanSnapshotFixtures.cron("night-2100-floor", "0 21 * * *", 3, -1, -1, ReasonCode.MIN_LIMIT, "policy minimum 3"),
                PlanSnapshotFixtures.cron("weekday-0630-prewarm", "30 6 * * 1-5", 8, -1, 8, ReasonCode.PREWARM, "ramp"),
                PlanSnapshotFixtures.cron("weekday-0830-peak", "30 8 * * 1-5", 17, -1, -1, ReasonCode.PREDICTED_PEAK, "plateau"),
                PlanSnapshotFixtures.cron("weekday-1800-down", "0 18 * * 1-5", 14, -1, -1, ReasonCode.SCALE_DOWN_STEP, "down")),
                List.of()));
        CapacityPlan search = plan("prod", "search", 700, 2, 30, weekday(4, 9, 7, 2), List.of());
        List<ServiceResult> services = List.of(
                other("staging", "reports", ServiceResult.Status.FAILED,
                        "reading history for service=staging/reports: prometheus answered 503 | twice"),
                updated(search),
                other("prod", "payments", ServiceResult.Status.FROZEN, "frozen at 12 instances by alice (frz-7)",
                        ReasonCode.FROZEN),
                other("prod", "catalog", ServiceResult.Status.NO_CHANGE,
                        "below churn threshold: capacity changes by at most 6.7% (< 10%) and no new peak"),
                updated(checkout));
        return new MergeRequestDescription.Input(NOW, "prewarm/plan-2026-11-28", "main", Optional.of(COMMIT), services,
                Map.of(ServiceKey.of("prod", "checkout"), before));
    }

    static void assertGolden(String name, String text) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        assertThat(text).as("golden mr/" + name + " (rerun with -Dgolden.update=true after an intended change)")
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void describesAMixedFleetForReviewers() throws IOException {
        String text = new MergeRequestDescription().render(fleet());
        assertGolden("fleet.md", text);
        assertThat(text).contains("| prod/checkout | **changed** | 17 → 20 |")
                .contains("```mermaid\nxychart-beta\n").contains("| `weekday-1800-down` |")
                .contains("removed").contains("added")
                .contains("**failed**: reading history for service=staging/reports: prometheus answered 503 \\| twice");
        assertThat(MergeRequestDescription.title(fleet())).isEqualTo("prewarm: capacity plan 2026-11-28 for 2 services");
    }

    @Test
    void describesAFirstPlanWithoutACurrentOne() throws IOException {
        CapacityPlan p = plan("prod", "search", 700, 2, 30, weekday(4, 9, 7, 2), List.of());
        MergeRequestDescription.Input in = new MergeRequestDescription.Input(NOW, "prewarm/plan-2026-11-28", "main",
                Optional.empty(), List.of(updated(p)), Map.of());
        String text = new MergeRequestDescription().render(in);
        assertGolden("first-plan.md", text);
        assertThat(MergeRequestDescription.title(in)).isEqualTo("prewarm: capacity plan 2026-11-28 for prod/search");
    }

    @Test
    void theSameInputGivesTheSameText() {
        assertThat(new MergeRequestDescription().render(fleet())).isEqualTo(new MergeRequestDescription().render(fleet()));
    }

    @Test
    void aLimitTooSmallForTheChartsDropsChartsBeforeServices() {
        String full = new MergeRequestDescription().render(fleet());
        int withoutOneChart = full.length() - 1500;
        String text = new MergeRequestDescription(withoutOneChart).render(fleet());
        assertThat(text.length()).isLessThanOrEqualTo(withoutOneChart);
        assertThat(text).doesNotContain("```mermaid").contains("### prod/checkout").contains("### prod/search")
                .contains("Charts are left out");
    }

    @Test
    void aHugeFleetStaysWithinGitLabsLimitAndSaysWhatIsLeftOut() {
        List<ServiceResult> services = new ArrayList<>();
        Map<ServiceKey, PlanSnapshot> current = new HashMap<>();
        for (int i = 0; i < 1500; i++) {
            CapacityPlan p = plan("prod", String.format("svc-%04d", i), 600 + i % 400, 2, 40, weekday(4, 9 + i % 5, 7, 2),
                    List.of());
            services.add(updated(p));
        }
        MergeRequestDescription.Input in = new MergeRequestDescription.Input(NOW, "prewarm/plan-2026-11-28", "main",
                Optional.of(COMMIT), services, current);
        String text = new MergeRequestDescription().render(in);
        assertThat(text.length()).isLessThanOrEqualTo(MergeRequestDraft.MAX_DESCRIPTION);
        assertThat(text).contains("| prod/svc-1499 |").contains("more changed services are not detailed here")
                .contains("### prod/svc-0000").doesNotContain("```mermaid");
    }
}
