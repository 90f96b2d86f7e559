package io.hami.scheduler.apiserver;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Runs fabric8 calls, turning {@link KubernetesClientException} into {@link ApiException} by HTTP status. */
public final class Fabric8Calls {

    private Fabric8Calls() {
    }

    /**
     * Runs the call.
     *
     * @param what what the call does, for the message ({@code reading node n1})
     */
    public static <T> T call(Supplier<T> call, String what) throws ApiException {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            ApiException.Kind kind = switch (e.getCode()) {
                case 404 -> ApiException.Kind.NOT_FOUND;
                case 409 -> ApiException.Kind.CONFLICT;
                default -> ApiException.Kind.OTHER;
            };
            throw new ApiException(kind, what + ": " + e.getMessage(), e);
        }
    }
}
