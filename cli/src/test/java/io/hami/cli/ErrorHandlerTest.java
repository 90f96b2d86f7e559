package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {

    private final StringWriter err = new StringWriter();

    private int handle(Exception ex) {
        var cli = HamiCommand.commandLine(System.in);
        cli.setErr(new PrintWriter(err, true));
        return new ErrorHandler().handleExecutionException(ex, cli, null);
    }

    @Test
    void anApiServerThatCannotBeReachedIsOneLineAndExitOneWithoutAStackTrace() {
        var unreachable = new KubernetesClientException("Operation: [list]  for kind: [Pod]  with name: [null]  in namespace: [null]  failed.",
                new ConnectException("Connection refused"));

        int code = handle(new CompletionException(unreachable));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("hami: the Kubernetes API server failed a request: Operation: [list]")
                .doesNotContain("internal error").doesNotContain("\tat ");
        assertThat(err.toString().strip()).doesNotContain("\n");
    }

    @Test
    void anApiServersAnswerWithManyLinesIsGivenOnOneWithItsStatus() {
        int code = handle(new KubernetesClientException("Failure executing: GET at: https://10.0.0.1/api/v1/pods.\nMessage: forbidden", 403,
                null));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("hami: the Kubernetes API server failed a request (HTTP 403): "
                + "Failure executing: GET at: https://10.0.0.1/api/v1/pods.\\nMessage: forbidden" + System.lineSeparator());
    }

    @Test
    void anyOtherExceptionIsStillABugWithItsStackTrace() {
        int code = handle(new IllegalStateException("broken invariant"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("hami: internal error: java.lang.IllegalStateException: broken invariant")
                .contains("\tat ");
    }

    @Test
    void userInputIsStillExitTwo() {
        assertThat(handle(new UserInputException("hami demo: bad --pods: -1"))).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("hami demo: bad --pods: -1" + System.lineSeparator());
    }
}
