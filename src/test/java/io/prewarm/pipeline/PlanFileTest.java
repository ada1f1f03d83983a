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
        Stages stages = new Wiring().stages("demo");
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
}
