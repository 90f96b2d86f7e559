package io.hami.demo.node;

/** A simulated node that did not start; the message names the part that failed. */
public final class NodeStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
