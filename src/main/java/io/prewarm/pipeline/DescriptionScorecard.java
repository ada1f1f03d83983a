package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static io.prewarm.pipeline.DescriptionText.cell;
import static io.prewarm.pipeline.DescriptionText.num;

/**
 * The backtest scorecard of one changed service's policy in the merge request: the same numbers
 * {@code prewarm backtest} prints for the same window, and the command that reproduces them, so reviewers
 * see what the policy would have done last week before they merge it.
 */
final class DescriptionScorecard {
    private DescriptionScorecard() {
    }

    static String render(ServiceKey key, Optional<PolicyScorecard> card, Optional<String> gap) {
        if (card.isEmpty()) {
            return gap.map(g -> "**Backtest:** " + cell(g) + ".\n\n").orElse("");
        }
        PolicyScorecard c = card.get();
        long days = Duration.between(c.from(), c.to()).toDays();
        StringBuilder b = new StringBuilder();
        b.append("**Backtest of this policy over the last ").append(days).append(days == 1 ? " day" : " days")
                .append("** (").append(c.from()).append(" to ").append(c.to()).append(", ").append(c.epochs())
                .append(" daily plans on the history before each day; reproduce with `prewarm backtest --service ")
                .append(key).append(" --from ").append(c.from()).append(" --to ").append(c.to())
                .append("` and the same `--metrics`):\n\n");
        b.append("| strategy | instance-hours | cost | under-provisioned minutes | worst shortfall | scale actions | reversals |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (PolicyScorecard.Row r : c.rows()) {
            b.append("| ").append(r.strategy().equals("prewarm") ? "**prewarm**" : r.strategy()).append(" | ")
                    .append(num(r.instanceHours())).append(" | ")
                    .append(r.cost().isPresent() ? String.format(Locale.ROOT, "%.2f", r.cost().getAsDouble()) : "–")
                    .append(" | ").append(r.underProvisionedMinutes()).append(" of ").append(r.totalMinutes())
                    .append(String.format(Locale.ROOT, " (%.2f%%)", share(r) * 100)).append(" | ")
                    .append(r.worstShortfall()).append(" | ").append(r.scaleActions()).append(" | ")
                    .append(r.reversals()).append(" |\n");
        }
        if (!c.verdict().isBlank()) {
            b.append('\n').append(cell(c.verdict())).append(".\n");
        }
        if (!c.whatIfs().isEmpty()) {
            b.append('\n');
            c.whatIfs().forEach(w -> b.append("- ").append(cell(w)).append(".\n"));
        }
        b.append('\n');
        return b.toString();
    }

    private static double share(PolicyScorecard.Row r) {
        return r.totalMinutes() == 0 ? 0 : (double) r.underProvisionedMinutes() / r.totalMinutes();
    }
}
