package io.prewarm.cli;

import io.prewarm.pipeline.RunSummary;
import io.prewarm.pipeline.ServiceResult;

/** {@code plan --output text}: a line per service and a closing line, for people and CI logs. */
final class SummaryText {
    private SummaryText() {
    }

    static String write(RunSummary s) {
        StringBuilder sb = new StringBuilder();
        for (ServiceResult r : s.services()) {
            sb.append(String.format("%-10s %-32s", r.status().name(), r.key()));
            r.plan().ifPresent(p -> sb.append(String.format(" peak=%d actions=%d model=%s", p.peakCapacity(),
                    p.actions().size(), p.forecastModel())));
            if (!r.reasons().isEmpty()) {
                sb.append(" reasons=").append(String.join(",", r.reasons().stream().map(Enum::name).toList()));
            }
            if (r.status() == ServiceResult.Status.FAILED || r.status() == ServiceResult.Status.FROZEN) {
                sb.append(" -- ").append(r.message());
            }
            if (r.historyMissing() > 0) {
                sb.append(" gaps=").append(r.historyMissing()).append('/').append(r.historySamples());
            }
            sb.append('\n');
        }
        s.diff().ifPresent(d -> sb.append(d.isEmpty() ? "(no changes)\n" : d));
        String what = s.dryRun() ? "dry run, nothing committed"
                : s.published() ? "pushed " + s.commit().orElse("") + " to " + s.branch()
                : s.commit().map(c -> "already proposed on " + s.branch() + " at " + c).orElse("nothing to propose");
        sb.append(String.format("%d services: %d updated, %d unchanged, %d frozen, %d failed; %s%n",
                s.services().size(), s.count(ServiceResult.Status.UPDATED), s.count(ServiceResult.Status.NO_CHANGE),
                s.count(ServiceResult.Status.FROZEN), s.count(ServiceResult.Status.FAILED), what));
        return sb.toString();
    }
}
