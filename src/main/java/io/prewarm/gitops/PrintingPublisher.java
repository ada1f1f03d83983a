package io.prewarm.gitops;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The offline publisher: prints the title and the description that a merge request would carry. */
public final class PrintingPublisher implements MergeRequestPublisher {
    private final PrintStream out;

    public PrintingPublisher(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public MergeRequestOutcome publish(MergeRequestDraft draft) {
        out.print("# " + draft.title() + "\n\n" + draft.description());
        if (!draft.description().endsWith("\n")) {
            out.print("\n");
        }
        out.flush();
        return new MergeRequestOutcome(MergeRequestOutcome.Status.PRINTED, Optional.empty(), List.of());
    }
}
