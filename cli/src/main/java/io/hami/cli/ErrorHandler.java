package io.hami.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into hami's exit codes: a {@link UserInputException} is one line on stderr and exit 2;
 * anything else is a bug, reported with its stack trace and exit 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        if (ex instanceof UserInputException input) {
            cli.getErr().println(input.getMessage());
            cli.getErr().flush();
            return input.exitCode();
        }
        cli.getErr().println("hami: internal error: " + ex);
        ex.printStackTrace(cli.getErr());
        cli.getErr().flush();
        return 1;
    }

    static int usageError(CommandLine.ParameterException ex, String[] args) {
        var cli = ex.getCommandLine();
        cli.getErr().println("hami: " + ex.getMessage() + " (see " + cli.getCommandSpec().qualifiedName() + " --help)");
        cli.getErr().flush();
        return HamiCommand.EXIT_INVALID_INPUT;
    }
}
