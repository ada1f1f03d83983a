package io.prewarm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command. Subcommands do the work; this one only prints help. */
@Command(name = "prewarm", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Turns traffic history into reviewed, pre-warmed scaling changes.",
        subcommands = {PlanCommand.class, MergeShardsCommand.class, ValidateCommand.class, ServeCommand.class,
                ForecastCommand.class, DemoCommand.class, BacktestCommand.class, InitCommand.class})
public class PrewarmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Exit code for invalid input (policies, options). */
    public static final int EXIT_INVALID_INPUT = 2;
    /** Exit code for a runtime failure (a server unreachable, a push rejected). */
    public static final int EXIT_FAILURE = 1;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(PrewarmCommand.class, factory);
        cl.setExecutionExceptionHandler(new ExitCodes());
        cl.setParameterExceptionHandler(new ExitCodes.BadValues(cl.getParameterExceptionHandler()));
        return cl;
    }
}
