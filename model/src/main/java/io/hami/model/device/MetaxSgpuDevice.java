package io.hami.model.device;

/**
 * One MetaX GPU as the MetaX sGPU device plugin publishes it in {@code metax-tech.com/node-gpu-devices}, e.g.
 * {@code {"uuid":"GPU-1","model":"MXC500","totalDevCount":16,"totalCompute":100,"totalVRam":65536,"numa":1,
 * "healthy":true,"qosPolicy":"best-effort"}}. The scheduler books sGPUs against the {@code total*} values: the
 * {@code available*} values are the plugin's own view and only reported.
 *
 * <p>Numbers are Go {@code int32}; HAMi does not check their sign, and neither does this record.
 *
 * @param uuid              device UUID; may be empty on the wire
 * @param bdf               PCI address, e.g. {@code 0000:3b:00.0}
 * @param model             model name, e.g. {@code MXC500}
 * @param totalDevCount     sGPUs the card can host (HAMi's {@code count})
 * @param totalCompute      compute of the card in percent (HAMi's {@code devcore})
 * @param totalVRam         memory of the card in MiB (HAMi's {@code devmem})
 * @param availableDevCount sGPUs still free, as the plugin sees it
 * @param availableCompute  compute still free
 * @param availableVRam     memory still free, MiB
 * @param numa              NUMA node
 * @param healthy           whether the card may be allocated; a missing key means {@code false}
 * @param qosPolicy         the card's current sharing policy ({@code best-effort}, {@code fixed-share},
 *                          {@code burst-share}) or empty when it has none
 * @param linkZone          MetaLink zone of the card, 0 when it has none
 */
public record MetaxSgpuDevice(
        String uuid,
        String bdf,
        String model,
        int totalDevCount,
        int totalCompute,
        int totalVRam,
        int availableDevCount,
        int availableCompute,
        int availableVRam,
        int numa,
        boolean healthy,
        String qosPolicy,
        int linkZone) {

    public MetaxSgpuDevice {
        Checks.text(uuid, "uuid");
        Checks.text(bdf, "bdf");
        Checks.text(model, "model");
        Checks.text(qosPolicy, "qosPolicy");
    }
}
