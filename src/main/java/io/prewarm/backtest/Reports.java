package io.prewarm.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scorecards as text (a table per service) and JSON (per service and strategy: {@code instanceHours},
 * {@code cost}, {@code underProvisionedMinutes}, {@code totalMinutes}, {@code worstShortfall},
 * {@code scaleActions}, {@code reversals}, {@code capHits}). Deterministic: fixed order and rounding.
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /** One service's replay, with its what-if when one was asked for. */
    public record Entry(BacktestResult result, Optional<WhatIf> whatIf) {
    }

    public static String text(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            BacktestResult r = e.result();
            out.append(String.format(Locale.ROOT, "%s  %s .. %s  %d daily epochs, trained on %d d before each, "
                            + "boot %d min, %s per instance%s%n", r.key(), r.from(), r.to(), r.epochs(),
                    r.training().toDays(), r.bootMinutes(), num(r.perInstance()),
                    r.pricePerHour().isPresent() ? String.format(Locale.ROOT, ", $%.3f/h", r.pricePerHour().getAsDouble()) : ""));
            if (!r.floorsApplied()) {
                out.append("  kubernetes-hpa applies no scheduled floors (an HPA has no schedules): prewarm is the HPA within"
                        + " the plan's limits; `scheduled` and `oracle` show what kubernetes-keda would do\n");
            } else {
                out.append("  scheduled floors on the ").append(r.scheduleFor().equals("upper") ? "forecast's upper bound"
                        : "point forecast").append(" plus headroom (capacity.scheduleFor: ").append(r.scheduleFor())
                        .append(r.reactiveLayer() ? "), reactive layer above them\n"
                                : "), no reactive layer: nothing prewarm renders triggers it"
                                + " (target.cloudwatchMetric is not set)\n");
            }
            table(out, r);
            summary(out, r);
            e.whatIf().ifPresent(w -> whatIf(out, w));
            out.append('\n');
        }
        return out.toString();
    }

    private static void table(StringBuilder out, BacktestResult r) {
        out.append(String.format(Locale.ROOT, "  %-10s %12s %10s %10s %8s %7s %8s %10s %9s%n", "strategy", "inst-hours",
                "cost", "under-min", "under%", "worst", "actions", "reversals", "cap-hits"));
        for (Scorecard s : r.scorecards()) {
            out.append(String.format(Locale.ROOT, "  %-10s %12.1f %10s %10d %7.2f%% %7d %8d %10d %9d%n",
                    s.strategy().id(), s.instanceHours(), s.cost().isPresent()
                            ? String.format(Locale.ROOT, "%.2f", s.cost().getAsDouble()) : "-",
                    s.underProvisionedMinutes(), 100 * s.underProvisionedShare(), s.worstShortfall(), s.scaleActions(),
                    s.reversals(), s.capHits()));
        }
    }

    private static void summary(StringBuilder out, BacktestResult r) {
        out.append("  ").append(verdict(r)).append('\n');
    }

    /**
     * prewarm against the oracle (the bound), static peak (the cost) and reactive-only (the risk), in one
     * line; the text report and the merge request print the same line.
     */
    public static String verdict(BacktestResult r) {
        Scorecard p = r.of(Strategy.PREWARM);
        Scorecard o = r.of(Strategy.ORACLE);
        Scorecard st = r.of(Strategy.STATIC);
        Scorecard re = r.of(Strategy.REACTIVE);
        String line = String.format(Locale.ROOT, "prewarm: %.3fx the oracle's instance-hours, %+.1f%% vs static peak, "
                        + "under-provisioned %.2f%% of minutes (reactive only %.2f%%)",
                ratio(p.instanceHours(), o.instanceHours()), 100 * (ratio(p.instanceHours(), st.instanceHours()) - 1),
                100 * p.underProvisionedShare(), 100 * re.underProvisionedShare());
        return advice(r).map(a -> line + "; " + a).orElse(line);
    }

    /** Share of minutes above which a replay suggests trying the other floor. */
    static final double SHORT_SHARE = 0.01;
    /** prewarm over the oracle above which a replay suggests trying the other floor. */
    static final double COSTLY_RATIO = 1.15;

    /**
     * What to try next when the replay misses the goals of a good policy (short at most 1% of minutes,
     * within 1.15x of the oracle) and the other floor could help: the what-ifs that show it.
     */
    static Optional<String> advice(BacktestResult r) {
        if (!r.floorsApplied()) {
            return r.of(Strategy.PREWARM).underProvisionedMinutes() > 0
                    ? Optional.of("kubernetes-hpa cannot pre-warm: target type kubernetes-keda applies the scheduled"
                    + " floors with the same HPA behaviour")
                    : Optional.empty();
        }
        List<PolicyVariant> next = suggestions(r);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        String whatIf = "`prewarm backtest --service " + r.key() + " --from " + r.from() + " --to " + r.to()
                + " --what-if ";
        if (r.scheduleFor().equals("forecast")) {
            return Optional.of("short more than 1% of minutes: compare " + whatIf + next.get(0).describe()
                    + "` (more headroom above the point forecast) with " + whatIf + next.get(1).describe()
                    + "` (floors on the forecast's upper bound)");
        }
        return Optional.of(String.format(Locale.ROOT, "floors on the upper bound cost %.2fx the oracle: %s%s`"
                        + " shows how short floors on the point forecast, with the reactive layer above them, would be",
                ratio(r.of(Strategy.PREWARM).instanceHours(), r.of(Strategy.ORACLE).instanceHours()), whatIf,
                next.get(0).describe()));
    }

    /**
     * The policy variants worth replaying when a replay misses a goal, most promising first: with floors
     * on the point forecast that were short more than 1% of minutes, 0.2 more headroom (on the bursty
     * shared traces far cheaper than the upper bound: docs/backtest.md) and then floors on the upper
     * bound; with floors on the upper bound above 1.15x the oracle and a reactive layer above them, floors
     * on the point forecast. Empty when the replay met both goals.
     */
    public static List<PolicyVariant> suggestions(BacktestResult r) {
        if (!r.floorsApplied()) {
            return List.of(); // no floor to change: the remedy is another target type
        }
        Scorecard p = r.of(Strategy.PREWARM);
        double vsOracle = ratio(p.instanceHours(), r.of(Strategy.ORACLE).instanceHours());
        if (r.scheduleFor().equals("forecast") && p.underProvisionedShare() > SHORT_SHARE) {
            String more = new java.math.BigDecimal(r.headroom() + 0.2).setScale(2, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
            return List.of(PolicyVariant.parse("scheduleFor=forecast,headroom=" + more),
                    PolicyVariant.parse("scheduleFor=upper"));
        }
        if (r.scheduleFor().equals("upper") && r.reactiveLayer() && vsOracle > COSTLY_RATIO) {
            return List.of(PolicyVariant.parse("scheduleFor=forecast"));
        }
        return List.of();
    }

    /**
     * One line for a what-if's prewarm strategy against the policy as written, as the merge request shows
     * it under the scorecard: instance-hours and their change, short minutes before and after.
     */
    public static String whatIfLine(WhatIf w) {
        Scorecard b = w.base().of(Strategy.PREWARM);
        Scorecard v = w.variant().of(Strategy.PREWARM);
        return String.format(Locale.ROOT, "what-if `%s`: prewarm %.1f instance-hours (%+.1f%%, %.3fx the oracle),"
                        + " under-provisioned %.2f%% of minutes (as written: %.1f instance-hours, %.2f%%)",
                w.changes().describe(), v.instanceHours(), 100 * (ratio(v.instanceHours(), b.instanceHours()) - 1),
                ratio(v.instanceHours(), w.variant().of(Strategy.ORACLE).instanceHours()),
                100 * v.underProvisionedShare(), b.instanceHours(), 100 * b.underProvisionedShare());
    }

    private static void whatIf(StringBuilder out, WhatIf w) {
        out.append("  what-if ").append(w.changes().describe()).append(":\n");
        out.append(String.format(Locale.ROOT, "  %-10s %24s %22s %16s %16s%n", "strategy", "inst-hours (diff)",
                "under-min (diff)", "worst (diff)", "actions (diff)"));
        for (Scorecard v : w.variant().scorecards()) {
            Scorecard b = w.base().of(v.strategy());
            out.append(String.format(Locale.ROOT, "  %-10s %12.1f (%+8.1f) %12d (%+6d) %8d (%+4d) %8d (%+5d)%n",
                    v.strategy().id(), v.instanceHours(), v.instanceHours() - b.instanceHours(),
                    v.underProvisionedMinutes(), v.underProvisionedMinutes() - b.underProvisionedMinutes(),
                    v.worstShortfall(), v.worstShortfall() - b.worstShortfall(), v.scaleActions(),
                    v.scaleActions() - b.scaleActions()));
        }
    }

    public static String json(List<Entry> entries) {
        List<Object> services = new ArrayList<>();
        for (Entry e : entries) {
            BacktestResult r = e.result();
            Map<String, Object> svc = new LinkedHashMap<>();
            svc.put("service", r.key().toString());
            svc.put("from", r.from().toString());
            svc.put("to", r.to().toString());
            svc.put("trainingDays", r.training().toDays());
            svc.put("epochs", r.epochs());
            svc.put("bootMinutes", r.bootMinutes());
            svc.put("perInstance", r.perInstance());
            svc.put("pricePerHour", r.pricePerHour().isPresent() ? r.pricePerHour().getAsDouble() : null);
            svc.put("scheduleFor", r.scheduleFor());
            svc.put("reactiveLayer", r.reactiveLayer());
            svc.put("floorsApplied", r.floorsApplied());
            svc.put("strategies", strategies(r));
            svc.put("verdict", verdict(r));
            svc.put("suggestedWhatIfs", suggestions(r).stream().map(PolicyVariant::describe).toList());
            e.whatIf().ifPresent(w -> {
                Map<String, Object> wi = new LinkedHashMap<>();
                wi.put("changes", w.changes().changes());
                wi.put("strategies", strategies(w.variant()));
                Map<String, Object> diff = new LinkedHashMap<>();
                for (Scorecard v : w.variant().scorecards()) {
                    Scorecard b = w.base().of(v.strategy());
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("instanceHours", round(v.instanceHours() - b.instanceHours()));
                    d.put("underProvisionedMinutes", v.underProvisionedMinutes() - b.underProvisionedMinutes());
                    d.put("worstShortfall", v.worstShortfall() - b.worstShortfall());
                    d.put("scaleActions", v.scaleActions() - b.scaleActions());
                    d.put("reversals", v.reversals() - b.reversals());
                    d.put("capHits", v.capHits() - b.capHits());
                    diff.put(v.strategy().id(), d);
                }
                wi.put("difference", diff);
                svc.put("whatIf", wi);
            });
            services.add(svc);
        }
        try {
            return JSON.writeValueAsString(Map.of("services", services));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("writing the backtest report: " + ex.getOriginalMessage(), ex);
        }
    }

    private static Map<String, Object> strategies(BacktestResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Scorecard s : r.scorecards()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instanceHours", round(s.instanceHours()));
            m.put("cost", s.cost().isPresent() ? round(s.cost().getAsDouble()) : null);
            m.put("underProvisionedMinutes", s.underProvisionedMinutes());
            m.put("totalMinutes", s.totalMinutes());
            m.put("worstShortfall", s.worstShortfall());
            m.put("scaleActions", s.scaleActions());
            m.put("reversals", s.reversals());
            m.put("capHits", s.capHits());
            out.put(s.strategy().id(), m);
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
