package io.prewarm.gitops;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrintingPublisherTest {
    @Test
    void printsTheTitleAndTheSameDescriptionAMergeRequestWouldCarry() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        MergeRequestDraft draft = new MergeRequestDraft("prewarm/plan-2026-11-28", "main", "prewarm: plan",
                "## body\n\ntext", List.of(), List.of(), List.of(), true);
        MergeRequestOutcome out = new PrintingPublisher(new PrintStream(buf, true, StandardCharsets.UTF_8)).publish(draft);
        assertThat(out.status()).isEqualTo(MergeRequestOutcome.Status.PRINTED);
        assertThat(out.mergeRequest()).isEmpty();
        assertThat(buf.toString(StandardCharsets.UTF_8)).isEqualTo("# prewarm: plan\n\n## body\n\ntext\n");
    }
}
