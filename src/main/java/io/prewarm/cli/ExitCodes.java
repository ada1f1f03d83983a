package io.prewarm.cli;

import io.prewarm.policy.PolicyException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes: 2 for invalid input, 1 for runtime failures. The message goes to
 * stderr without a stack trace; messages are written as "gerund: cause" and never carry secrets.
 */
final class ExitCodes implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        if (ex instanceof PolicyException pe) {
            pe.problems().forEach(p -> cl.getErr().println("error: " + p));
            return PrewarmCommand.EXIT_INVALID_INPUT;
        }
        if (ex instanceof InvalidInputException || ex instanceof io.prewarm.gitops.RepositoryNotFoundException) {
            cl.getErr().println("error: " + ex.getMessage());
            return PrewarmCommand.EXIT_INVALID_INPUT;
        }
        cl.getErr().println("error: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
        return PrewarmCommand.EXIT_FAILURE;
    }

    /**
     * An option value its converter refused: {@code error: --option: message} (the converter's message names the
     * value, never a secret) and exit 2, without the usage. Other parse errors (an unknown option, a missing
     * one) as picocli reports them.
     */
    static final class BadValues implements CommandLine.IParameterExceptionHandler {
        private final CommandLine.IParameterExceptionHandler others;

        BadValues(CommandLine.IParameterExceptionHandler others) {
            this.others = others;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
            if (ex.getCause() instanceof CommandLine.TypeConversionException bad
                    && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
                ex.getCommandLine().getErr().println("error: " + option.longestName() + ": " + bad.getMessage());
                return PrewarmCommand.EXIT_INVALID_INPUT;
            }
            return others.handleParseException(ex, args);
        }
    }
}
