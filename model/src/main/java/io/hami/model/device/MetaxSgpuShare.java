package io.hami.model.device;

/**
 * One sGPU of a MetaX pod as MetaX's device plugin is told to create it: an element of
 * {@code metax-tech.com/gpu-devices-allocated}, e.g. {@code {"uuid":"GPU-1","compute":30,"vRam":4096}}.
 *
 * <p>HAMi's Go struct has {@code int32} numbers; its scheduler never writes them negative, and neither may this
 * record. The UUID is required: a share without one names no card.
 *
 * @param uuid    the card
 * @param compute percent of the card's compute
 * @param vRam    MiB of the card's memory
 */
public record MetaxSgpuShare(String uuid, int compute, int vRam) {

    public MetaxSgpuShare {
        Checks.nonEmptyText(uuid, "uuid");
        Checks.nonNegative(compute, "compute");
        Checks.nonNegative(vRam, "vRam");
    }
}
