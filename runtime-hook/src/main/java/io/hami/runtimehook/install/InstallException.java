package io.hami.runtimehook.install;

import io.hami.runtimehook.HookException;

/**
 * Why the runtime installer refused to change the host: one line naming the file or value and what is wrong with
 * it. When it is thrown, the step that threw it has changed nothing.
 */
public final class InstallException extends Exception {
    private static final long serialVersionUID = 1L;

    public InstallException(String message) {
        super(HookException.oneLine(message));
    }

    public InstallException(String message, Throwable cause) {
        super(HookException.oneLine(message), cause);
    }
}
