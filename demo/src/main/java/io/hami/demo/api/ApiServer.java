package io.hami.demo.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The Kubernetes API the demo runs against: the embedded mock server, or an external cluster named by a kubeconfig.
 * Every process of the demo reaches it the same way, through {@link #kubeconfig()}.
 */
public interface ApiServer extends AutoCloseable {

    /** A client of this API for the harness itself (the kube-scheduler stand-in, the reports). */
    KubernetesClient client();

    /** A kubeconfig file that points a child process at this API. */
    Path kubeconfig();

    /** Closes the harness's client and, for an embedded server, the server. */
    @Override
    void close();
}
