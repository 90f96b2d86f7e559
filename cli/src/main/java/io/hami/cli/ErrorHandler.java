package io.hami.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.runtimehook.HookException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into hami's exit codes: a {@link UserInputException} is one line on stderr and exit 2; a request the
 * Kubernetes API server failed or never answered (unreachable, timed out, refused) is the cluster's state, not a bug:
 * one line naming it and exit 1; anything else is a bug, reported with its stack trace and exit 1.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        if (ex instanceof UserInputException input) {
            cli.getErr().println(input.getMessage());
            cli.getErr().flush();
            return input.exitCode();
        }
        var api = apiFailure(ex);
        if (api != null) {
            cli.getErr().println("hami: the Kubernetes API server failed a request"
                    + (api.getCode() > 0 ? " (HTTP " + api.getCode() + ")" : "") + ": "
                    + HookException.oneLine(String.valueOf(api.getMessage())));
            cli.getErr().flush();
            return 1;
        }
        cli.getErr().println("hami: internal error: " + ex);
        ex.printStackTrace(cli.getErr());
        cli.getErr().flush();
        return 1;
    }

    /** The API failure {@code ex} is or wraps, if any. */
    private static KubernetesClientException apiFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException api) {
                return api;
            }
        }
        return null;
    }

    static int usageError(CommandLine.ParameterException ex, String[] args) {
        var cli = ex.getCommandLine();
        cli.getErr().println("hami: " + ex.getMessage() + " (see " + cli.getCommandSpec().qualifiedName() + " --help)");
        cli.getErr().flush();
        return HamiCommand.EXIT_INVALID_INPUT;
    }
}
