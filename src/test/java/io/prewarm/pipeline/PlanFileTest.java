package io.prewarm.pipeline;

import io.prewarm.cli.Wiring;
import io.prewarm.common.TimeWindow;
import io.prewarm.forecast.Forecast;
import io.prewarm.forecast.ForecastRequest;
import io.prewarm.metrics.TimeSeries;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanInput;
import io.prewarm.policy.PolicyLoader;
import io.prewarm.policy.ServicePolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlanFileTest {

    @Test
    void aPlanReadBackRendersByteForByteTheSameTerraform() {
        ServicePolicy policy = new PolicyLoader(Set.of("US", "DE", "JP", "GB")).loadFile(Path.of("policies/checkout.yaml"));
        Stages stages = new Wiring().stages(new io.prewarm.cli.MetricsSpec.Demo());
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        TimeSeries history = stages.metrics().demand(policy,
                new TimeWindow(now.minus(Duration.ofDays(28)), now, Duration.ofMinutes(5)));
        Forecast f = stages.forecaster().forecast(history, new ForecastRequest(now, Duration.ofMinutes(5), 2020,
                Optional.of(policy.zone()), Set.of()));
        CapacityPlan plan = stages.planner().plan(new PlanInput(policy, f,
                stages.normalPeak().of(history, policy.zone()), Optional.empty(), now));

        String text = PlanFile.write(plan);
        CapacityPlan back = PlanFile.read(text, "prewarm-plan.json");

        assertThat(PlanFile.write(back)).isEqualTo(text);
        assertThat(back.actions()).isEqualTo(plan.actions());
        assertThat(back.limits()).isEqualTo(plan.limits());
        assertThat(stages.renderers().apply(back.target().kind()).render(back))
                .isEqualTo(stages.renderers().apply(plan.target().kind()).render(plan));
    }

    @Test
    void theRunsForecastSummaryAndRunFollowThePlanWhichReadsBackUnchanged() {
        io.prewarm.plan.CapacityPlan plan = io.prewarm.render.PlanFixtures.plan("prod", "checkout",
                new io.prewarm.common.Target(io.prewarm.common.TargetKind.AWS_ASG, "checkout-prod",
                        java.util.Map.of("region", "us-east-1")),
                io.prewarm.render.PlanFixtures.weekdayActions(io.prewarm.render.PlanFixtures.BERLIN));
        Instant start = Instant.parse("2026-11-28T06:00:00Z");
        double[] point = new double[25];
        double[] upper = new double[25];
        for (int i = 0; i < point.length; i++) { // 5-minute steps: two hours and a bit
            point[i] = 100 + i + 0.123;
            upper[i] = 150 + i + 0.456;
        }
        Forecast f = new Forecast(start, Duration.ofMinutes(5), point, upper, "gbm", 0.5, "MASE", java.util.List.of());

        String text = PlanFile.write(plan, f, new PlanFile.Run(start, "prewarm/plan-2026-11-28"));
        String plain = PlanFile.write(plan);

        assertThat(text).startsWith(plain.substring(0, plain.length() - 3)).endsWith("}\n");
        assertThat(text).contains("\"point\" : [ 111.12, 123.12, 124.12 ]", "\"upper\" : [ 161.46, 173.46, 174.46 ]",
                "\"branch\" : \"prewarm/plan-2026-11-28\"");
        assertThat(PlanFile.write(PlanFile.read(text, "p"))).isEqualTo(plain);
        PlanFile.Details d = PlanFile.details(text, "p");
        assertThat(d.plannedAt()).contains(start);
        assertThat(d.branch()).contains("prewarm/plan-2026-11-28");
        assertThat(d.forecast().orElseThrow().step()).isEqualTo(Duration.ofHours(1));
        assertThat(d.forecast().orElseThrow().end()).isEqualTo(start.plus(Duration.ofHours(3)));
        assertThat(PlanFile.write(plan, f, new PlanFile.Run(start, "prewarm/plan-2026-11-28"))).isEqualTo(text);
        assertThat(PlanFile.details(plain, "p").forecast()).isEmpty();
    }
}
