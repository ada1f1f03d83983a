package io.prewarm.cli;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the HTTP service: health, readiness, /metrics and (later) the emergency webhook. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the HTTP service (health, /metrics, emergency webhook) until stopped.")
public class ServeCommand implements Runnable {

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1")
    String host;

    @Override
    public void run() {
        Log.infof("serving on http://%s:%d (health /q/health, metrics /metrics)", host, port);
        Quarkus.waitForExit();
    }

    /**
     * The HTTP listener is configured at startup, before picocli runs: when the command is
     * {@code serve}, turn it on and take {@code --port}/{@code --host} from the raw arguments.
     */
    static void prepareHttp(String[] args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            return;
        }
        System.setProperty("quarkus.http.host-enabled", "true");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--port") || a.equals("--host")) && i + 1 < args.length) {
                System.setProperty(a.equals("--port") ? "quarkus.http.port" : "quarkus.http.host", args[i + 1]);
            } else if (a.startsWith("--port=")) {
                System.setProperty("quarkus.http.port", a.substring("--port=".length()));
            } else if (a.startsWith("--host=")) {
                System.setProperty("quarkus.http.host", a.substring("--host=".length()));
            }
        }
    }
}
