package io.hami.scheduler.request;

/**
 * A pod whose resources or annotations the scheduler cannot act on, e.g.
 * {@code container "train": nvidia.com/gpumem: quantity: nvidia.com/gpumem: looks like bytes, not MiB (at most
 * 2147483647): "16Gi"}. The message is one line that names the container or annotation and the offending text.
 */
public final class RequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public RequestException(String message) {
        super(message);
    }

    public RequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
