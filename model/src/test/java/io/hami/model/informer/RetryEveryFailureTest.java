package io.hami.model.informer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class RetryEveryFailureTest {

    @Test
    void aFailedFirstListIsRetriedAndLoggedOnceNamingWhatWasListed() {
        var lines = new ArrayList<String>();
        var handler = new RetryEveryFailure("pods of node gpu-1", lines::add);

        assertThat(handler.retryAfterException(false, new IOException("connection refused"))).isTrue();
        assertThat(lines).containsExactly(
                "pods of node gpu-1: first list failed (java.io.IOException: connection refused); the informer tries again");
    }

    @Test
    void aFailedWatchIsRetriedAndLoggedAsAWatchFailure() {
        var lines = new ArrayList<String>();
        var handler = new RetryEveryFailure("nodes", lines::add);

        assertThat(handler.retryAfterException(true, new IOException("reset"))).isTrue();
        assertThat(lines).containsExactly("nodes: watch failed (java.io.IOException: reset); the informer tries again");
    }
}
