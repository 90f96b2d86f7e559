package io.hami.cli;

/**
 * Input the user can correct: printed as one line on stderr, with an exit code other than 1.
 */
public final class UserInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserInputException(String message) {
        this(message, HamiCommand.EXIT_INVALID_INPUT);
    }

    public UserInputException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
