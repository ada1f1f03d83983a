package io.prewarm.cli;

/** A command-line value that parsed but makes no sense (exit code 2). */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
