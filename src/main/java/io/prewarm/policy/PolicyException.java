package io.prewarm.policy;

import java.util.List;

/** One or more policy files are invalid. Every problem is listed, each with file, field and value. */
public class PolicyException extends RuntimeException {
    private final List<PolicyProblem> problems;

    public PolicyException(List<PolicyProblem> problems) {
        super(problems.size() + " policy problem(s): " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
