package io.hami.cli.deviceplugin;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hami.cli.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The daemons' API client: from a kubeconfig file when given, else the usual search (in-cluster service account, {@code ~/.kube/config}). */
public final class KubeClients {

    private KubeClients() {
    }

    /**
     * @param requestTimeout bounds every API call, so that no daemon waits on a slow API server without end
     */
    public static KubernetesClient create(Optional<Path> kubeconfig, Duration requestTimeout) throws UserInputException {
        Config base;
        if (kubeconfig.isPresent()) {
            var file = kubeconfig.get();
            if (!Files.isReadable(file)) {
                throw new UserInputException("hami: cannot read kubeconfig " + file);
            }
            try {
                base = Config.fromKubeconfig(file.toFile());
            } catch (RuntimeException e) {
                throw new UserInputException("hami: cannot use kubeconfig " + file + ": " + e.getMessage());
            }
        } else {
            base = Config.autoConfigure(null);
        }
        var config = new ConfigBuilder(base)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withConnectionTimeout((int) Math.min(requestTimeout.toMillis(), 10_000))
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
