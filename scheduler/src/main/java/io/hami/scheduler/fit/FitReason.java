package io.hami.scheduler.fit;

/**
 * Why a device was passed over (HAMi's reason vocabulary, docs/scheduler.md, "Fitting and reasons"), in the order of
 * the per-device checks. The node-level reasons without counts are the constants below.
 */
public enum FitReason {
    CARD_NOT_HEALTH("CardNotHealth"),
    CARD_CORDONED("CardCordoned"),
    CARD_TYPE_MISMATCH("CardTypeMismatch"),
    NUMA_NOT_FIT("NumaNotFit"),
    /** HAMi's spelling, kept for compatibility. */
    CARD_UUID_MISMATCH("CardUuidMismatch"),
    CARD_TIME_SLICING_EXHAUSTED("CardTimeSlicingExhausted"),
    EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT("ExclusiveDeviceAllocateConflict"),
    RESOURCE_QUOTA_NOT_FIT("ResourceQuotaNotFit"),
    CARD_INSUFFICIENT_MEMORY("CardInsufficientMemory"),
    CARD_INSUFFICIENT_CORE("CardInsufficientCore"),
    CARD_COMPUTE_UNITS_EXHAUSTED("CardComputeUnitsExhausted"),
    CARD_MIG_TOPOLOGY_INFEASIBLE("CardMigTopologyInfeasible"),
    CARD_NOT_FOUND_CUSTOM_FILTER_RULE("CardNotFoundCustomFilterRule"),
    /** MetaX sGPU's word for an unhealthy card. */
    CARD_UNHEALTHY("CardUnhealthy"),
    /** MetaX sGPU: the card's pods are of another application class. */
    CARD_APP_CLASS_MISMATCH("CardAppClassMismatch"),
    /** MetaX sGPU: the card in use keeps another QoS policy. */
    CARD_QOS_POLICY_MISMATCH("CardQosPolicyMismatch"),
    ALLOCATED_CARDS_INSUFFICIENT_REQUEST("AllocatedCardsInsufficientRequest"),
    /** Enflame DRS: no partition profile of the node holds the request (counted once for the node). */
    MODE_NOT_FIT("ModeNotFit");

    /** The node has fewer devices of the requested type than a container asks for. */
    public static final String NODE_INSUFFICIENT_DEVICE = "NodeInsufficientDevice";
    /** The request names a device type no backend serves. */
    public static final String DEVICE_TYPE_NOT_FOUND = "Device type not found";
    /** The node has no devices the scheduler knows of. */
    public static final String NODE_UNREGISTERED = "node unregistered";
    /** The node's devices are known but not its usage. */
    public static final String NODE_USAGE_UNAVAILABLE = "node usage unavailable";

    private final String wireName;

    FitReason(String wireName) {
        this.wireName = wireName;
    }

    /** The word HAMi writes, e.g. {@code CardInsufficientMemory}. */
    public String wireName() {
        return wireName;
    }
}
