package io.hami.model.vendor;

/**
 * The accelerator makers hami-java serves. One vendor may have several device types (Ascend has one per
 * SKU, Iluvatar one per chip, MetaX whole and shared GPUs); each device type has its own
 * {@link VendorDescriptor}. The last six are served by the scheduler only: their device plugins are the vendors' own.
 */
public enum Vendor {
    NVIDIA("nvidia"),
    CAMBRICON("cambricon"),
    ASCEND("ascend"),
    HYGON("hygon"),
    ILUVATAR("iluvatar"),
    METAX("metax"),
    MTHREADS("mthreads"),
    KUNLUNXIN("kunlun"),
    ENFLAME("enflame"),
    AWS_NEURON("awsneuron"),
    AMD("amd"),
    VASTAI("vastai"),
    BIREN("biren");

    private final String id;

    Vendor(String id) {
        this.id = id;
    }

    /** The lower-case name used on the command line and in {@code device-config.yaml} section names. */
    public String id() {
        return id;
    }
}
