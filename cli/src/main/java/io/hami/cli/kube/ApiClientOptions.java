package io.hami.cli.kube;

import io.hami.cli.UserInputException;
import picocli.CommandLine.Option;

/** {@code --kube-qps} and {@code --kube-burst} of every daemon that talks to the API server (HAMi's flags). */
public final class ApiClientOptions {

    @Option(names = "--kube-qps", defaultValue = "5", paramLabel = "QPS",
            description = "Requests a second to the API server, on average (0: the default, ${DEFAULT-VALUE}; "
                    + "negative: no limit).")
    double qps;

    @Option(names = "--kube-burst", defaultValue = "10", paramLabel = "N",
            description = "Requests to the API server at once after a quiet spell (0: the default, ${DEFAULT-VALUE}).")
    int burst;

    /**
     * The limit the flags ask for.
     *
     * @param command the command's name, for the message
     * @throws UserInputException when a flag does not hold
     */
    public ApiRateLimit limit(String command) throws UserInputException {
        try {
            return ApiRateLimit.fromFlags(qps, burst);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(command + ": " + e.getMessage());
        }
    }
}
