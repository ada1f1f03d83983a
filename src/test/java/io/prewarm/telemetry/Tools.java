package io.prewarm.telemetry;

import io.prewarm.render.ExternalTools;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Prometheus tools the telemetry tests call; a test skips with a clear message when one is absent. */
final class Tools {
    private Tools() {
    }

    static Path promtool() {
        var p = ExternalTools.onPath("promtool");
        assumeTrue(p.isPresent(), "skipped: promtool is not installed (Debian package prometheus)");
        return p.get();
    }

    static Path pushgateway() {
        var p = ExternalTools.onPath("prometheus-pushgateway").or(() -> ExternalTools.onPath("pushgateway"));
        assumeTrue(p.isPresent(), "skipped: the Pushgateway is not installed (Debian package prometheus-pushgateway)");
        return p.get();
    }

    static ExternalTools.Result promtool(Path dir, String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = promtool().toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return ExternalTools.run(dir, 60, cmd);
    }
}
