package io.prewarm.emergency;

import io.prewarm.forecast.Forecast;
import io.prewarm.pipeline.PlanFile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A committed plan with its forecast summary and a merge commit naming its merge request, as a plan run leaves them. */
final class ConsoleFixtures {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant PLANNED = Instant.parse("2026-11-28T06:00:00Z");
    static final String MERGE = "Merge branch 'prewarm/plan-2026-11-28' into 'main'\n\n"
            + "prewarm: capacity plan 2026-11-28 for 1 services\n\nSee merge request ops/gitops!42\n";

    private ConsoleFixtures() {
    }

    /** A daily wave over a week from the plan's instant, hourly: deterministic. */
    static Forecast forecast() {
        int n = 7 * 24 + 1;
        double[] point = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            point[i] = 600 + 400 * Math.sin(2 * Math.PI * (i - 6) / 24.0);
            upper[i] = point[i] * 1.25;
        }
        return new Forecast(PLANNED, Duration.ofHours(1), point, upper, "seasonal-naive", 0.8, "MASE", List.of());
    }

    static void commitPlan(GitOpsRepo repo) throws Exception {
        repo.commit(PlanFile.path(GitOpsRepo.CHECKOUT), PlanFile.write(GitOpsRepo.plan(), forecast(),
                new PlanFile.Run(PLANNED, "prewarm/plan-2026-11-28")), MERGE);
    }
}
