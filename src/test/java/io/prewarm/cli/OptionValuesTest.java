package io.prewarm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad option values are refused while parsing: exit 2, {@code error: --option: ...} naming the value, no usage. */
class OptionValuesTest {

    /** Exit code and stderr of the command line; parsing fails before any injected field is used. */
    private static String[] run(String... args) {
        CommandLine cl = PrewarmCommand.commandLine(CommandLine.defaultFactory());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), err.toString()};
    }

    private static void assertRefused(String expected, String... args) {
        String[] r = run(args);
        assertThat(r[0]).as(r[1]).isEqualTo("2");
        assertThat(r[1]).startsWith("error: " + expected).doesNotContain("Usage:");
    }

    @Test
    void anInstantThatIsNotIso8601NamesTheOptionAndTheValue() {
        String msg = "--now: 'yesterday' is not an ISO-8601 instant such as 2026-11-28T00:00:00Z";
        assertRefused(msg, "plan", "--now", "yesterday");
        assertRefused(msg, "merge-shards", "--shards", "2", "--now", "yesterday");
    }

    @Test
    void anUnknownOutputFormatListsTheValidValues() {
        String msg = "--output: expected one of [text, json] (case-sensitive) but was 'yaml'";
        assertRefused(msg, "plan", "--output", "yaml");
        assertRefused(msg, "merge-shards", "--shards", "2", "--output", "yaml");
        assertRefused(msg, "backtest", "--output", "yaml");
    }

    @Test
    void badShardDateDurationAndWhatIfValuesNameTheirOption() {
        assertRefused("--shard: shard 3/2 is not i/n with 1 <= i <= n", "plan", "--shard", "3/2");
        assertRefused("--date: '28.11.2026' is not a date such as 2026-11-28", "merge-shards", "--shards", "2",
                "--date", "28.11.2026");
        assertRefused("--from: 'monday' is not an ISO-8601 date or instant such as 2026-11-14 or "
                + "2026-11-14T00:00:00Z", "backtest", "--from", "monday");
        assertRefused("--training: '0d' is not a duration such as 14d", "backtest", "--training", "0d");
        assertRefused("--training: 'two weeks' is not a duration such as 14d", "backtest", "--training", "two weeks");
        assertRefused("--what-if: parsing what-if 'colour=blue': unknown key 'colour'", "backtest", "--what-if",
                "colour=blue");
    }

    @Test
    void credentialsInAMetricsUrlAreRefusedByEveryCommandWithoutEchoingThem() {
        for (String command : new String[] {"plan", "backtest", "serve"}) {
            for (String url : new String[] {"http://alice:pa55w0rd-xyz@127.0.0.1:9/", "http://alice:pa55w0rd-xyz@exa mple/"}) {
                String[] r = run(command, "--metrics", url);
                assertThat(r[0]).as(command + " " + r[1]).isEqualTo("2");
                assertThat(r[1]).startsWith("error: --metrics: credentials in URLs are refused; set "
                        + "prewarm.prometheus.basic-auth.username and password, or prewarm.prometheus.bearer-token")
                        .doesNotContain("pa55w0rd-xyz").doesNotContain("alice");
            }
        }
    }

    @Test
    void metricsSourcesThatAreNoneOfTheKnownKindsAreRefused(@TempDir Path tmp) {
        assertRefused("--metrics: 'ftp://host/' is neither 'demo', 'file:DIR' nor an http(s) Prometheus URL",
                "plan", "--metrics", "ftp://host/");
        assertRefused("--metrics: 'http:///x' has no host", "backtest", "--metrics", "http:///x");
        assertRefused("--metrics: 'file:" + tmp.resolve("nowhere") + "': " + tmp.resolve("nowhere")
                + " is not a directory", "plan", "--metrics", "file:" + tmp.resolve("nowhere"));
        assertRefused("--metrics: 'file:" + tmp + "' is neither 'none', 'demo' nor an http(s) Prometheus URL",
                "serve", "--metrics", "file:" + tmp);
    }

    @Test
    void metricsSpecsConvertToTheirKinds(@TempDir Path tmp) {
        var plan = new MetricsSpec.Converter();
        assertThat(plan.convert("demo")).isEqualTo(new MetricsSpec.Demo());
        assertThat(plan.convert("file:" + tmp)).isEqualTo(new MetricsSpec.Files(tmp));
        assertThat(plan.convert("https://prom.example:9090/select/0"))
                .isEqualTo(new MetricsSpec.Url(URI.create("https://prom.example:9090/select/0")))
                .hasToString("https://prom.example:9090/select/0");
        var serve = new MetricsSpec.OrNone();
        assertThat(serve.convert("none")).isNull(); // picocli: Optional.empty()
        assertThat(serve.convert("demo")).isEqualTo(new MetricsSpec.Demo());
        assertThatThrownBy(() -> new MetricsSpec.Url(URI.create("http://u:p@host/")))
                .hasMessageStartingWith("credentials in URLs are refused").hasMessageNotContaining("u:p");
    }

    @Test
    void anUnknownOptionStillShowsPicocliHelp() {
        String[] r = run("plan", "--colour");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("Unknown option: '--colour'").contains("Usage: prewarm plan");
    }
}
