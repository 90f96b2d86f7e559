package io.hami.kubelet.cri;

import java.io.IOException;

/** A CRI call that failed: the message names the call, what it was for, the socket and the runtime's own words. */
public final class CriException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    CriException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** Whether no runtime answered at all (not running, or its socket gone), as opposed to a runtime that refused. */
    public boolean unreachable() {
        return unreachable;
    }
}
