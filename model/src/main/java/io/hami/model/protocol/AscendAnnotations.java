package io.hami.model.protocol;

import java.util.Map;

/**
 * The Huawei Ascend keys outside {@code hami.io/} that cross a process boundary (docs/protocol.md, "Pod annotations of
 * the other device types"). HAMi source: {@code pkg/device/ascend/device.go}.
 */
public final class AscendAnnotations {

    /** Pod, set by the user: {@link #VNPU_MODE_HAMI_CORE} asks for HAMi-core soft split instead of vNPU templates. */
    public static final String VNPU_MODE = "huawei.com/vnpu-mode";
    /** The value of {@link #VNPU_MODE} that chooses soft split. */
    public static final String VNPU_MODE_HAMI_CORE = "hami-core";
    /** Node, written by Ascend's device plugin: a Go boolean, whether the node's chips can be split softly. */
    public static final String SOFT_SPLIT_NODE = "hami-vnpu-core";
    /**
     * Pod, written by the scheduler at filter: Unix seconds of the decision. The key has no prefix; every Ascend type
     * writes it, with the same value.
     */
    public static final String PREDICATE_TIME = "predicate-time";

    private static final String PREFIX = "huawei.com/";

    private AscendAnnotations() {
    }

    /**
     * Pod, written by the scheduler at filter: what Ascend's device plugin creates for each device
     * ({@link io.hami.model.annotation.AscendRuntimeInfoCodec}), {@code huawei.com/<commonWord>}, e.g.
     * {@code huawei.com/Ascend910B3}. The same text is the type's count resource.
     */
    public static String runtimeInfo(String commonWord) {
        return PREFIX + commonWord;
    }

    /** Whether the pod's annotations ask for soft split. */
    public static boolean softSplit(Map<String, String> podAnnotations) {
        return VNPU_MODE_HAMI_CORE.equals(podAnnotations.get(VNPU_MODE));
    }
}
