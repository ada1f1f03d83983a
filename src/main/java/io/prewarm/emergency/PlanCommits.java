package io.prewarm.emergency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the plan run behind the base branch in its history. A plan run commits on
 * {@code prewarm/plan-<date>} and reaches the base branch through its merge request, so the base branch
 * holds either GitLab's merge commit ({@code Merge branch 'prewarm/plan-...' into 'main'} with
 * {@code See merge request group/project!12}) or, after a squash or fast-forward merge, the plan commit
 * itself ({@code prewarm: plan 2026-11-28 for 3 services}) or the merge request's title
 * ({@code prewarm: capacity plan ...}). Nothing else records the merge request, so this is read, not stored.
 */
public final class PlanCommits {
    private static final Pattern MERGE = Pattern.compile("Merge branch '(prewarm/plan-[^']+)'");
    private static final Pattern REQUEST = Pattern.compile("See merge request (\\S+![0-9]+)");
    private static final Pattern SUBJECT = Pattern.compile("^prewarm: (capacity )?plan ([0-9]{4}-[0-9]{2}-[0-9]{2})");

    private PlanCommits() {
    }

    /**
     * A commit of the base branch that came from a plan run.
     *
     * @param commit       the commit id
     * @param subject      its first line
     * @param branch       the proposal branch it merged, when the message names it
     * @param mergeRequest GitLab's reference ({@code group/project!12}), when the message names it
     */
    public record PlanCommit(String commit, String subject, Optional<String> branch, Optional<String> mergeRequest) {
    }

    /** The newest plan commit of a log (newest first, id to full message). */
    static Optional<PlanCommit> newest(List<Map.Entry<String, String>> log) {
        for (Map.Entry<String, String> c : log) {
            Optional<PlanCommit> p = parse(c.getKey(), c.getValue());
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The plan commit a message describes, if it is one. */
    static Optional<PlanCommit> parse(String commit, String message) {
        String subject = message.lines().findFirst().orElse("").strip();
        Matcher merge = MERGE.matcher(subject);
        Matcher plain = SUBJECT.matcher(subject);
        Optional<String> branch;
        if (merge.find()) {
            branch = Optional.of(merge.group(1));
        } else if (plain.find()) {
            branch = Optional.of("prewarm/plan-" + plain.group(2));
            if (message.contains("prewarm/plan-")) { // a squash message names the real branch (shards add a suffix)
                Matcher named = Pattern.compile("(prewarm/plan-[0-9]{4}-[0-9]{2}-[0-9]{2}[A-Za-z0-9._-]*)").matcher(message);
                if (named.find()) {
                    branch = Optional.of(named.group(1));
                }
            }
        } else {
            return Optional.empty();
        }
        Matcher mr = REQUEST.matcher(message);
        return Optional.of(new PlanCommit(commit, subject, branch, mr.find() ? Optional.of(mr.group(1)) : Optional.empty()));
    }
}
