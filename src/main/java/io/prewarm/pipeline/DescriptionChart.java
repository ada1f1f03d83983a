package io.prewarm.pipeline;

import io.prewarm.gitops.PlanSnapshot;
import io.prewarm.plan.CapacityPlan;
import io.prewarm.plan.PlanStep;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Mermaid {@code xychart-beta} (GitLab renders it in descriptions) of one service over the plan horizon:
 * the instances the forecast the floors carry needs, the proposed capacity and, when the base branch has a plan, the
 * current capacity. Steps are grouped into buckets of whole hours (the maximum of each), so a week stays
 * at most {@value #MAX_POINTS} points wide.
 */
final class DescriptionChart {
    static final int MAX_POINTS = 60;
    private static final int[] BUCKET_HOURS = {1, 2, 3, 4, 6, 8, 12, 24};
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("EEE HH", Locale.ROOT);

    private DescriptionChart() {
    }

    static String render(String title, CapacityPlan plan, Optional<PlanSnapshot> current) {
        List<PlanStep> steps = plan.timeline();
        if (steps.isEmpty()) {
            return "";
        }
        long stepSeconds = Math.max(1, plan.limits().step().getSeconds());
        long span = steps.size() * stepSeconds;
        int hours = BUCKET_HOURS[BUCKET_HOURS.length - 1];
        for (int h : BUCKET_HOURS) {
            if (Math.ceil(span / (h * 3600.0)) <= MAX_POINTS) {
                hours = h;
                break;
            }
        }
        int perBucket = (int) Math.max(1, Duration.ofHours(hours).getSeconds() / stepSeconds);
        List<String> labels = new ArrayList<>();
        List<Integer> need = new ArrayList<>();
        List<Integer> planned = new ArrayList<>();
        List<Integer> now = new ArrayList<>();
        int top = 1;
        for (int i = 0; i < steps.size(); i += perBucket) {
            int n = 0;
            int p = 0;
            double c = 0;
            for (PlanStep s : steps.subList(i, Math.min(steps.size(), i + perBucket))) {
                n = Math.max(n, s.required());
                p = Math.max(p, s.capacity());
                if (current.isPresent()) {
                    c = Math.max(c, current.get().capacityAt(s.time()));
                }
            }
            labels.add('"' + LABEL.format(steps.get(i).time().atZone(plan.zone())) + '"');
            need.add(n);
            planned.add(p);
            now.add((int) Math.round(c));
            top = Math.max(top, Math.max(n, Math.max(p, (int) Math.ceil(c))));
        }
        StringBuilder b = new StringBuilder();
        b.append("```mermaid\nxychart-beta\n");
        b.append("    title \"").append(title).append(": instances per ").append(hours).append(hours == 1 ? " hour" : " hours")
                .append(" (max)\"\n");
        b.append("    x-axis [").append(String.join(", ", labels)).append("]\n");
        b.append("    y-axis \"instances\" 0 --> ").append(top + Math.max(1, top / 10)).append('\n');
        b.append("    bar ").append(need).append('\n');
        b.append("    line ").append(planned).append('\n');
        if (current.isPresent()) {
            b.append("    line ").append(now).append('\n');
        }
        b.append("```\n\n");
        b.append("_Bars: instances the forecast needs (with headroom; the notes say whether the point forecast or its")
                .append(" upper bound). First line: the proposed plan's capacity.")
                .append(current.isPresent() ? " Second line: the current schedule's weekly floor (base branch)." : "")
                .append(" Times in ").append(plan.zone().getId()).append("._\n\n");
        return b.toString();
    }
}
