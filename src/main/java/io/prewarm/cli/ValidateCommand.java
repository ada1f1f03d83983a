package io.prewarm.cli;

import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true)
public class ValidateCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("validate: not wired yet");
    }
}
