package io.prewarm.cli;

import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true)
public class PlanCommand implements Runnable {
    @Override
    public void run() {
        throw new UnsupportedOperationException("plan: not wired yet");
    }
}
