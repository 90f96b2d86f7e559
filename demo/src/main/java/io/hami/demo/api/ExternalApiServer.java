package io.hami.demo.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hami.model.input.UntrustedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A real Kubernetes API given by a kubeconfig file (a K3s container, a kind cluster); nothing is started. */
public final class ExternalApiServer implements ApiServer {

    private final Path kubeconfig;
    private final KubernetesClient client;

    private ExternalApiServer(Path kubeconfig, KubernetesClient client) {
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    /** The API of {@code kubeconfig}'s current context. */
    public static ExternalApiServer of(Path kubeconfig) {
        String text;
        try {
            text = UntrustedFiles.readText(kubeconfig, UntrustedFiles.MAX_KUBECONFIG_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("kubeconfig " + e.getMessage(), e);
        }
        return new ExternalApiServer(kubeconfig,
                new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build());
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        client.close();
    }
}
