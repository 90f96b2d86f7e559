package io.hami.model.protocol;

/**
 * The Kunlunxin keys that cross a process boundary (docs/protocol.md, "Pod annotations of the other device types").
 * HAMi source: {@code pkg/device/kunlun/device.go}.
 */
public final class KunlunAnnotations {

    /** Pod, written by the scheduler at filter for whole XPUs: the indexes of the XPUs, a comma list. */
    public static final String DEVICE_INDEX = "BAIDU_COM_DEVICE_IDX";

    private KunlunAnnotations() {
    }
}
