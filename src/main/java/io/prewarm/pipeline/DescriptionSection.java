package io.prewarm.pipeline;

import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.plan.CapacityPlan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.prewarm.pipeline.DescriptionText.cell;
import static io.prewarm.pipeline.DescriptionText.limit;
import static io.prewarm.pipeline.DescriptionText.num;

/** One changed service in the merge request description. */
final class DescriptionSection {
    private DescriptionSection() {
    }

    static String render(ServiceResult r, Optional<PlanSnapshot> current, boolean chart) {
        CapacityPlan plan = r.plan().orElseThrow();
        PlanSnapshot proposed = PlanSnapshot.of(plan);
        StringBuilder b = new StringBuilder();
        b.append("### ").append(r.key()).append("\n\n");
        b.append("**Target:** ").append(plan.target().kind().id()).append(" `").append(cell(plan.target().name()))
                .append("`. **Forecast model:** `").append(cell(plan.forecastModel())).append("` (validation score ")
                .append(String.format(java.util.Locale.ROOT, "%.3f", plan.forecastScore())).append(").\n\n");
        MergeRequestDescription.peakDemand(plan).ifPresent(p -> b.append("**Predicted peak:** forecast ")
                .append(num(p.demand())).append(" (demand units) on ").append(MergeRequestDescription.when(p.time(),
                        plan.zone())).append(", which needs ").append(p.required()).append(" instances at ")
                .append(num(plan.limits().perInstance())).append(" per instance with ")
                .append(Math.round(plan.limits().headroom() * 100)).append("% headroom. The proposed schedule peaks at ")
                .append(proposed.peakCapacity()).append(" from ").append(proposed.peakWhen())
                .append(current.map(c -> "; the current schedule peaks at " + c.peakCapacity() + " from " + c.peakWhen())
                        .orElse("")).append(".\n\n"));
        b.append("**Expected cost:** ").append(num(proposed.instanceHoursPerWeek())).append(" instance-hours per week");
        current.ifPresentOrElse(c -> b.append(", ").append(DescriptionText.delta(proposed.instanceHoursPerWeek(),
                        c.instanceHoursPerWeek())).append(" against the current plan's ").append(num(c.instanceHoursPerWeek())),
                () -> b.append(" (no current plan on the base branch to compare with)"));
        b.append(".\n\n");
        b.append("**Reasons:** ").append(r.reasons().isEmpty() ? "–" : String.join(", ",
                r.reasons().stream().map(Enum::name).sorted().toList())).append("\n\n");
        limits(b, plan.limits(), proposed, current);
        schedules(b, plan, proposed, current);
        if (chart) {
            b.append(DescriptionChart.render(r.key().toString(), plan, current));
        }
        if (!plan.notes().isEmpty()) {
            b.append("**Notes**\n\n");
            plan.notes().forEach(n -> b.append("- ").append(n.replace("\n", " ").strip()).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static void limits(StringBuilder b, CapacityPlan.Limits l, PlanSnapshot p, Optional<PlanSnapshot> cur) {
        b.append("| limit | current | proposed |\n|---|---|---|\n");
        row(b, "min", cur.map(c -> c.min()), p.min());
        row(b, "max (effective)", cur.map(c -> c.max()), p.max());
        row(b, "policy max", cur.map(c -> c.policyMax()), p.policyMax());
        row(b, "peak scheduled floor", cur.map(c -> c.peakCapacity()), p.peakCapacity());
        b.append("| safety cap (").append(String.format(java.util.Locale.ROOT, "normal peak %d", l.normalPeak())).append(") | | ").append(l.safetyCap()).append(" |\n");
        b.append("| scale-up step / scale-down per window | | +").append(l.scaleUpMinPercent()).append("% / -")
                .append(l.scaleDownMaxPercent()).append("% per ").append(l.scaleDownCooldown().toMinutes())
                .append(" min |\n");
        b.append("| pre-warm lead | | ").append(l.prewarmLead().toMinutes()).append(" min |\n\n");
    }

    private static void row(StringBuilder b, String name, Optional<Integer> current, int proposed) {
        String c = current.map(String::valueOf).orElse("–");
        boolean changed = current.isPresent() && current.get() != proposed;
        b.append("| ").append(name).append(" | ").append(c).append(" | ")
                .append(changed ? "**" + proposed + "**" : String.valueOf(proposed)).append(" |\n");
    }

    /** Current and proposed scheduled actions side by side, matched by name; added, changed and removed marked. */
    private static void schedules(StringBuilder b, CapacityPlan plan, PlanSnapshot p, Optional<PlanSnapshot> cur) {
        Map<String, PlanSnapshot.Action> before = new TreeMap<>();
        cur.ifPresent(c -> c.actions().forEach(a -> before.put(a.name(), a)));
        Map<String, PlanSnapshot.Action> after = new TreeMap<>();
        p.actions().forEach(a -> after.put(a.name(), a));
        Map<String, String> details = new TreeMap<>();
        plan.actions().forEach(a -> details.put(a.name(), a.detail()));
        java.util.SortedSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        b.append("**Schedules** (times in ").append(plan.zone().getId()).append("; min / max / desired, · = unchanged)")
                .append("\n\n| action | when | current | proposed | change | reason |\n|---|---|---|---|---|---|\n");
        for (String n : names) {
            PlanSnapshot.Action a = before.get(n);
            PlanSnapshot.Action z = after.get(n);
            String change = a == null ? "added" : z == null ? "removed" : same(a, z) ? "–" : "changed";
            PlanSnapshot.Action shown = z != null ? z : a;
            b.append("| `").append(cell(n)).append("` | `").append(cell(shown.when())).append("` | ")
                    .append(a == null ? "–" : triple(a)).append(" | ").append(z == null ? "–" : triple(z)).append(" | ")
                    .append(change).append(" | ").append(shown.reason().name());
            String detail = details.get(n);
            if (z != null && detail != null && !detail.isBlank()) {
                b.append(": ").append(cell(detail));
            }
            b.append(" |\n");
        }
        b.append('\n');
    }

    private static boolean same(PlanSnapshot.Action a, PlanSnapshot.Action b) {
        return a.when().equals(b.when()) && a.min() == b.min() && a.max() == b.max() && a.desired() == b.desired();
    }

    private static String triple(PlanSnapshot.Action a) {
        return a.min() + " / " + limit(a.max()) + " / " + limit(a.desired());
    }
}
