package io.hami.model.vendor;

/** How a device type's node agent tells the scheduler which devices a node has. */
public enum RegisterFormat {
    /** A JSON array of device objects in a node annotation (NVIDIA, Ascend, Kunlunxin vXPU, AMD, Vastai, Biren). */
    JSON,
    /** The colon-separated legacy string in a node annotation (Hygon, Iluvatar). */
    LEGACY,
    /** MetaX's own JSON array in {@code metax-tech.com/node-gpu-devices} (shared GPUs). */
    METAX_JSON,
    /** Enflame's JSON object of DRS partitions and profiles in {@code enflame.com/gcu-drs-capacity}. */
    ENFLAME_DRS,
    /** No annotation: the devices are synthesized from the node's advertised capacity. */
    NODE_CAPACITY
}
