package io.prewarm.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point. The HTTP listener is configured off; {@code serve} turns it on before Quarkus starts,
 * because the listener is configured at startup, before picocli parses the command.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        ServeCommand.prepareHttp(args);
        Quarkus.run(Main.class, args);
    }

    @Override
    public int run(String... args) {
        return PrewarmCommand.commandLine(factory).execute(args);
    }
}
