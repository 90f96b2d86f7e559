package io.hami.model.vendor;

/**
 * The accelerator makers hami-java serves. One vendor may have several device types (Ascend has one per
 * SKU, Iluvatar one per chip, MetaX whole and shared GPUs); each device type has its own
 * {@link VendorDescriptor}. The last six are served by the scheduler only: their device plugins are the vendors' own.
 */
public enum Vendor {
    NVIDIA("nvidia", true),
    CAMBRICON("cambricon", true),
    ASCEND("ascend", true),
    HYGON("hygon", true),
    ILUVATAR("iluvatar", true),
    METAX("metax", true),
    MTHREADS("mthreads", true),
    KUNLUNXIN("kunlun", false),
    ENFLAME("enflame", false),
    AWS_NEURON("awsneuron", false),
    AMD("amd", false),
    VASTAI("vastai", false),
    BIREN("biren", false);

    private final String id;
    private final boolean nodeSide;

    Vendor(String id, boolean nodeSide) {
        this.id = id;
        this.nodeSide = nodeSide;
    }

    /**
     * Whether hami-java runs this vendor's node side (device plugin and monitor over its management library, bound in
     * {@code bindings}); false for the six served by the scheduler only.
     */
    public boolean nodeSide() {
        return nodeSide;
    }

    /** The lower-case name used on the command line and in {@code device-config.yaml} section names. */
    public String id() {
        return id;
    }
}
