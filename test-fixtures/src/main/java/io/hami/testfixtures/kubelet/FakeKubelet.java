package io.hami.testfixtures.kubelet;

import io.hami.kubelet.sim.KubeletStandIn;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The kubelet of device-plugin tests: kubelet-api's {@link KubeletStandIn} under its test name, so that every
 * test drives plugins through the same registration server, plugin client and ListAndWatch follower as the
 * demo's simulated nodes do.
 */
public final class FakeKubelet extends KubeletStandIn {

    private FakeKubelet(Path dir) {
        super(dir);
    }

    /** A kubelet serving in {@code dir} (a short path: Unix socket paths hold at most 107 bytes). */
    public static FakeKubelet start(Path dir) throws IOException {
        var kubelet = new FakeKubelet(dir);
        kubelet.serve();
        return kubelet;
    }
}
