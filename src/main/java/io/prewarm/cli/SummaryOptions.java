package io.prewarm.cli;

import io.prewarm.pipeline.RunSummary;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;

/** {@code --output} of {@code plan} and {@code merge-shards}, and printing their run summary. */
public class SummaryOptions {

    /** Lower case: picocli matches and lists the values exactly as users type them. */
    public enum Format { text, json }

    @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
            description = "Summary format on stdout: text or json (default: ${DEFAULT-VALUE}).")
    Format output;

    public boolean json() {
        return output == Format.json;
    }

    /** Stdout for the merge request description in text mode; nowhere in JSON mode (stdout is the summary's). */
    public PrintStream descriptionOut() {
        return json() ? new PrintStream(OutputStream.nullOutputStream()) : System.out;
    }

    /** Prints the summary, also when a step after the push failed (CI needs the branch), then the error. */
    public void print(RunSummary summary) {
        if (json()) {
            System.out.println(SummaryJson.write(summary));
        } else {
            System.out.print(SummaryText.write(summary));
        }
        System.out.flush();
        summary.error().ifPresent(e -> System.err.println("error: " + e));
    }
}
