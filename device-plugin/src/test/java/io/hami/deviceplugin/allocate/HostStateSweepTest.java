package io.hami.deviceplugin.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Releasing the host state of pods that are gone, against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class HostStateSweepTest {
    static final String GONE = "66666666-7777-4888-8999-aaaaaaaaaaaa";

    KubernetesClient client;

    /** State held by the given pod UIDs, recording what it was asked to release. */
    static final class HeldState implements PodHostState {
        final Set<String> held = new HashSet<>();
        final List<Set<String>> released = new ArrayList<>();

        HeldState(String... uids) {
            held.addAll(List.of(uids));
        }

        @Override
        public Set<String> podUids() {
            return Set.copyOf(held);
        }

        @Override
        public void releaseGone(Set<String> gone) {
            released.add(gone);
            held.removeAll(gone);
        }
    }

    /** A pod on another node than the sweep's: pods are matched by UID alone. */
    private String pod(String name) {
        return client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withNamespace("default")
                .withName(name).endMetadata().withNewSpec().withNodeName("n2").endSpec().build()).create()
                .getMetadata().getUid();
    }

    @Test
    void theStateOfAPodThatStillExistsIsKeptAndThatOfAGoneOneReleased() throws Exception {
        var live = pod("live");
        var state = new HeldState(live, GONE);

        assertThat(new HostStateSweep(client, "n1", state).sweep()).containsExactly(GONE);

        assertThat(state.released).containsExactly(Set.of(GONE));
        assertThat(state.held).containsExactly(live);
    }

    @Test
    void nothingIsReleasedWhileEveryHolderExists() throws Exception {
        var state = new HeldState(pod("live"));

        assertThat(new HostStateSweep(client, "n1", state).sweep()).isEmpty();
        assertThat(state.released).isEmpty();
    }

    @Test
    void aListThatFailsReleasesNothing() {
        var config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(1000).build();
        try (var unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            var state = new HeldState(GONE);
            var sweep = new HostStateSweep(unreachable, "n1", state);

            assertThatThrownBy(sweep::sweep).isInstanceOf(KubernetesClientException.class);
            sweep.run(); // a round that fails is logged, never thrown into the scheduler
            assertThat(state.released).isEmpty();
            assertThat(state.held).containsExactly(GONE);
        }
    }
}
