package io.prewarm.telemetry;

import io.prewarm.common.ReasonCode;
import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.ScalingAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The audit lines of one service in a plan run: one per scheduled action, then one for the service. */
final class AuditLines {
    private AuditLines() {
    }

    static List<AuditEntry> of(ServiceResult r, RunSummary summary, String actor, Instant now) {
        List<AuditEntry> out = new ArrayList<>();
        String service = r.key().path();
        // Only what this run committed is attributed to its commit.
        Optional<String> commit = r.status() == ServiceResult.Status.FAILED ? Optional.empty() : summary.commit();
        if (r.plan().isPresent() && r.status() != ServiceResult.Status.FAILED) {
            for (ScalingAction a : r.plan().get().actions()) {
                Map<String, Number> numbers = new LinkedHashMap<>();
                numbers.put("min", a.min());
                numbers.put("max", a.max());
                numbers.put("desired", a.desired());
                out.add(new AuditEntry(now, AuditEntry.PLAN_ACTION, service, a.name(),
                        Optional.of(a.reason().name()), List.of(), Optional.of(schedule(a)), numbers, actor, commit,
                        summary.dryRun(), a.detail()));
            }
        }
        out.add(new AuditEntry(now, AuditEntry.PLAN_SERVICE, service, r.status().name().toLowerCase(Locale.ROOT),
                statusReason(r), r.reasons().stream().map(Enum::name).toList(), Optional.empty(), serviceNumbers(r),
                actor, commit, summary.dryRun(), r.message()));
        return out;
    }

    private static String schedule(ScalingAction a) {
        return a.cron().map(c -> c + " " + a.zone().getId()).orElseGet(() -> a.at().orElseThrow().toString());
    }

    private static Optional<String> statusReason(ServiceResult r) {
        return switch (r.status()) {
            case FROZEN -> Optional.of(ReasonCode.FROZEN.name());
            case NO_CHANGE -> Optional.of(ReasonCode.NO_CHANGE.name());
            default -> Optional.empty();
        };
    }

    private static Map<String, Number> serviceNumbers(ServiceResult r) {
        Map<String, Number> n = new LinkedHashMap<>();
        n.put("historySamples", r.historySamples());
        n.put("historyMissing", r.historyMissing());
        n.put("filesChanged", r.files().size());
        r.plan().ifPresent(p -> {
            CapacityPlan.Limits l = p.limits();
            n.put("actions", p.actions().size());
            n.put("peakCapacity", p.peakCapacity());
            n.put("min", l.min());
            n.put("max", l.max());
            n.put("policyMax", l.policyMax());
            n.put("safetyCap", l.safetyCap());
            n.put("safetyCapSteps", PlanTelemetry.safetyCapSteps(p));
            n.put("normalPeak", l.normalPeak());
            n.put("normalPeakDemand", l.normalPeakDemand());
            n.put("forecastScore", p.forecastScore());
        });
        return n;
    }
}
