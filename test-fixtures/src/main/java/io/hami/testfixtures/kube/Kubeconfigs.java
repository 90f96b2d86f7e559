package io.hami.testfixtures.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Kubeconfig files for daemons started against a mock API server, so that they reach it the way they reach a
 * real cluster: through {@code --kubeconfig}.
 */
public final class Kubeconfigs {

    private Kubeconfigs() {
    }

    /**
     * Writes {@code dir/kubeconfig} naming one cluster at {@code serverUrl} (TLS not verified: the mock's
     * certificate is self-signed) and a bearer token, and returns its path.
     */
    public static Path write(Path dir, String serverUrl, String token) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                contexts:
                - name: mock
                  context: {cluster: mock, user: mock}
                current-context: mock
                users:
                - name: mock
                  user: {token: %s}
                """.formatted(serverUrl, token));
    }
}
