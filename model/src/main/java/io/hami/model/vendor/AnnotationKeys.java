package io.hami.model.vendor;

import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.NodeLockKind;
import java.util.Objects;
import java.util.Optional;

/**
 * The node and pod annotation keys of one device type.
 *
 * @param devicesToAllocate pod: allocations the device plugin has still to hand out
 * @param devicesAllocated  pod: allocations decided by the scheduler (source of usage accounting)
 * @param nodeRegister      node: the devices registered by the node agent, when it writes one
 * @param handshake         node: the scheduler's liveness stamp, when the vendor takes part
 * @param useUuid           pod: comma list of device ids the pod may use
 * @param noUseUuid         pod: comma list of device ids the pod must not use
 * @param useType           pod: comma list of model substrings the device must match
 * @param noUseType         pod: comma list of model substrings the device must not match
 * @param nodeLock          node: the key of the lock serializing binds on the node, when the vendor takes one; one of
 *                          the {@link NodeLockKind} keys
 */
public record AnnotationKeys(
        String devicesToAllocate,
        String devicesAllocated,
        Optional<String> nodeRegister,
        Optional<String> handshake,
        Optional<String> useUuid,
        Optional<String> noUseUuid,
        Optional<String> useType,
        Optional<String> noUseType,
        Optional<String> nodeLock) {

    /** The key of {@link NodeLockKind#HAMI}, the lock of every locking vendor but Cambricon. */
    public static final String HAMI_NODE_LOCK = HamiAnnotations.NODE_LOCK;

    public AnnotationKeys {
        requireKey(devicesToAllocate, "devicesToAllocate");
        requireKey(devicesAllocated, "devicesAllocated");
        for (var k : new Object[] {nodeRegister, handshake, useUuid, noUseUuid, useType, noUseType, nodeLock}) {
            Objects.requireNonNull(k, "optional annotation keys must be Optional.empty(), not null");
        }
        nodeRegister.ifPresent(k -> requireKey(k, "nodeRegister"));
        handshake.ifPresent(k -> requireKey(k, "handshake"));
        useUuid.ifPresent(k -> requireKey(k, "useUuid"));
        noUseUuid.ifPresent(k -> requireKey(k, "noUseUuid"));
        useType.ifPresent(k -> requireKey(k, "useType"));
        noUseType.ifPresent(k -> requireKey(k, "noUseType"));
        nodeLock.ifPresent(k -> {
            requireKey(k, "nodeLock");
            if (NodeLockKind.ofKey(k).isEmpty()) {
                throw new IllegalArgumentException("annotation key nodeLock is no node lock the scheduler knows: " + k);
            }
        });
    }

    /** The lock {@link #nodeLock} names: its form, owner rule and expiry. */
    public Optional<NodeLockKind> nodeLockKind() {
        return nodeLock.flatMap(NodeLockKind::ofKey);
    }

    /** The pod allocation keys HAMi derives from a prefix: {@code hami.io/<prefix>-devices-to-allocate} and {@code -allocated}. */
    static String toAllocate(String prefix) {
        return HamiAnnotations.devicesToAllocate(prefix);
    }

    static String allocated(String prefix) {
        return HamiAnnotations.devicesAllocated(prefix);
    }

    private static void requireKey(String key, String field) {
        if (key == null || key.isBlank() || key.chars().anyMatch(Character::isWhitespace) || key.length() > 316) {
            throw new IllegalArgumentException("annotation key " + field + " is not a valid key: " + key);
        }
    }
}
