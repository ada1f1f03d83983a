package io.prewarm.emergency;

import io.prewarm.common.ReasonCode;
import io.prewarm.common.ServiceKey;
import io.prewarm.override.ServiceOverrides;
import io.prewarm.pipeline.EmergencyEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EventReporterTest {
    static final ServiceKey KEY = ServiceKey.of("prod", "checkout");

    /** Records what telemetry would be told. */
    static final class Recorder implements EmergencyEvents {
        final List<String> requests = new ArrayList<>();
        final List<Applied> applied = new ArrayList<>();
        final List<ServiceKey> overrides = new ArrayList<>();

        @Override
        public void request(Endpoint endpoint, Outcome outcome, Action action) {
            requests.add(endpoint.label() + "/" + outcome.label() + "/" + action.label());
        }

        @Override
        public void applied(Applied action) {
            applied.add(action);
        }

        @Override
        public void overridesChanged(ServiceKey key, ServiceOverrides stored) {
            overrides.add(key);
        }
    }

    @AfterEach
    void reset() {
        EventReporter.use(null);
    }

    private static io.prewarm.emergency.Action scaleUp() {
        return new io.prewarm.emergency.Action(io.prewarm.emergency.Action.Kind.SCALE_UP, KEY, "oncall", "traffic spike",
                OptionalInt.empty(), Optional.of(new io.prewarm.emergency.Action.Step(true, 20)), OptionalInt.empty(),
                Optional.of(Duration.ofHours(2)), Optional.empty(), Optional.of("k-1"));
    }

    private static ActionResult applied() {
        Instant t = Instant.parse("2026-11-28T10:00:00Z");
        return new ActionResult("act-1", "scale-up", "prod", "checkout", "APPLIED", 24, 30, "plan",
                List.of(new ActionResult.Clamp("max", 24)), t.plus(Duration.ofHours(2)), t, "abc123", true,
                "floor 24 until 12:00", null);
    }

    @Test
    void anAppliedActionIsCountedAuditedAndUpdatesTheActiveOverrides() {
        Recorder r = new Recorder();
        EventReporter.use(r);
        EventReporter.answered(EmergencyEvents.Endpoint.SCALE_UP, scaleUp(), applied(), false, new EmergencyService());
        assertThat(r.requests).containsExactly("scale_up/applied/scale_up");
        assertThat(r.applied).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo(KEY);
            assertThat(a.id()).isEqualTo("act-1");
            assertThat(a.reason()).isEqualTo(ReasonCode.EMERGENCY_FLOOR);
            assertThat(a.actor()).isEqualTo("oncall");
            assertThat(a.commit()).contains("abc123");
            assertThat(a.numbers()).containsEntry("count", 24).containsEntry("requested", 30)
                    .containsEntry("ttlSeconds", 7200L);
        });
        assertThat(r.overrides).containsExactly(KEY);
    }

    @Test
    void aRepeatIsADuplicateAndAuditsNothing() {
        Recorder r = new Recorder();
        EventReporter.use(r);
        EventReporter.answered(EmergencyEvents.Endpoint.ALERTMANAGER, scaleUp(), applied(), true, new EmergencyService());
        assertThat(r.requests).containsExactly("alertmanager/duplicate/scale_up");
        assertThat(r.applied).isEmpty();
    }

    @Test
    void refusalsAreCountedByKind() {
        Recorder r = new Recorder();
        EventReporter.use(r);
        EventReporter.failed(EmergencyEvents.Endpoint.FREEZE, EmergencyEvents.Action.FREEZE,
                new ApiException(401, null, "missing bearer token"));
        EventReporter.failed(EmergencyEvents.Endpoint.FREEZE, EmergencyEvents.Action.FREEZE,
                new ApiException(422, "count", "must be positive"));
        EventReporter.failed(EmergencyEvents.Endpoint.FREEZE, EmergencyEvents.Action.FREEZE,
                new IllegalStateException("pushing failed"));
        assertThat(r.requests).containsExactly("freeze/unauthorized/freeze", "freeze/rejected/freeze",
                "freeze/failed/freeze");
    }

    @Test
    void aBrokenSinkNeverChangesTheAnswer() {
        EventReporter.use(new EmergencyEvents() {
            @Override
            public void request(Endpoint endpoint, Outcome outcome, Action action) {
                throw new IllegalStateException("sink down");
            }
        });
        assertThatCode(() -> EventReporter.answered(EmergencyEvents.Endpoint.SCALE_UP, scaleUp(), applied(), false,
                new EmergencyService())).doesNotThrowAnyException();
    }
}
