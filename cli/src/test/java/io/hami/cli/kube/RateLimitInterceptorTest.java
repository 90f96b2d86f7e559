package io.hami.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** fabric8 passes every request through the interceptor, which waits as the bucket says before sending. */
class RateLimitInterceptorTest {

    @Test
    void aClientWaitsBeforeEachRequestBeyondTheBurst() throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // closed again: every request is refused at once
        }
        List<Long> waits = new CopyOnWriteArrayList<>();
        long frozen = 42;
        var interceptor = new RateLimitInterceptor(new TokenBucket(new ApiRateLimit(4, 2), () -> frozen), waits::add);
        var builder = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).build());
        interceptor.installIn(builder);
        try (var client = builder.build()) {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> client.pods().inNamespace("default").withName("p").get())
                        .isInstanceOf(RuntimeException.class);
            }
        }
        assertThat(waits).containsExactly(250_000_000L, 500_000_000L);
    }
}
