package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;

/**
 * Turns a device UUID named by an allocation into the number its node is named by ({@code /dev/nvidia<minor>}),
 * asking the vendor's management library: a UUID that discovery does not know is an error, never a guess.
 */
public interface DeviceResolver extends AutoCloseable {

    /**
     * The device number of {@code uuid}.
     *
     * @throws HookException when the library is unusable or does not know the UUID
     */
    int minor(String uuid) throws HookException;

    /** Releases the library; idempotent. */
    @Override
    void close();
}
