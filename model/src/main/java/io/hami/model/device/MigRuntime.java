package io.hami.model.device;

/**
 * The runtime identity of a realized MIG instance, which the device plugin adds to a scheduler reservation once it has
 * created the instance. HAMi writes it as three optional keys ({@code migUUID}, {@code gpuInstanceID},
 * {@code computeInstanceID}) that are either all present or all absent; this record makes the partial case
 * unrepresentable. Zero ids are valid.
 *
 * @param migUuid           the MIG device UUID, e.g. {@code MIG-4e7c9f1a-...}, non-empty
 * @param gpuInstanceId     the GPU instance id (Go {@code uint32})
 * @param computeInstanceId the compute instance id (Go {@code uint32})
 */
public record MigRuntime(String migUuid, long gpuInstanceId, long computeInstanceId) {

    public MigRuntime {
        Checks.nonEmptyText(migUuid, "migUuid");
        Checks.uint32(gpuInstanceId, "gpuInstanceId");
        Checks.uint32(computeInstanceId, "computeInstanceId");
    }
}
