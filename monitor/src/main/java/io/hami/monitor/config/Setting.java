package io.hami.monitor.config;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.model.vendor.Vendors;
import java.util.Optional;

/**
 * One setting of the monitor, with the name it has in each source: the command-line flag (without
 * {@code --}), the environment variable and the key in a configuration file. The environment names are
 * HAMi's where HAMi has one ({@code NODE_NAME}, {@code HOOK_PATH}, {@code HAMI_RESYNC_INTERVAL},
 * {@code KUBECONFIG}).
 */
public enum Setting {
    /** The node this monitor runs on; its pods carry the label {@code hami.io/vgpu-node=<node>}. */
    NODE_NAME("node-name", "NODE_NAME", null),
    /** HAMi's monitor {@code HOOK_PATH}: the host directory holding {@code containers/}. */
    HOOK_PATH("hook-path", "HOOK_PATH", "/usr/local/vgpu"),
    /** {@code [host]:port} of the metrics and health server. */
    METRICS_BIND_ADDRESS("metrics-bind-address", "HAMI_METRICS_BIND_ADDRESS", ":9394"),
    /** Also export HAMi's pre-2.6 metric names and labels. */
    LEGACY_METRICS("legacy-metrics", "HAMI_LEGACY_METRICS", "false"),
    /** Informer resync, and the grace period before the directory of an unknown pod is removed. */
    RESYNC_INTERVAL("resync-interval", "HAMI_RESYNC_INTERVAL", "5m"),
    /** The period of discovery and feedback. */
    FEEDBACK_INTERVAL("feedback-interval", "HAMI_FEEDBACK_INTERVAL", "5s"),
    /** Whose accelerators the host metrics read: nvidia, cambricon, ascend, hygon, iluvatar, metax or mthreads. */
    VENDOR("vendor", "HAMI_VENDOR", DeviceVendor.NVIDIA.id()),
    /** The vendor's library for the host metrics; without it, the vendor's usual names and places. */
    LIBRARY("library", "HAMI_LIBRARY", null),
    /** NVIDIA's library under the older name: {@link #LIBRARY} for the vendor nvidia. */
    NVML_LIBRARY("nvml-library", "HAMI_NVML_LIBRARY", null),
    /** The file whose presence pauses the feedback (the device plugin is reconfiguring MIG). */
    MIG_APPLY_LOCK("mig-apply-lock", "HAMI_MIG_APPLY_LOCK", io.hami.model.protocol.HamiCoreView.MIG_APPLY_LOCK),
    /** A kubeconfig file; without one, the in-cluster service account (or {@code ~/.kube/config}). */
    KUBECONFIG("kubeconfig", "KUBECONFIG", null),
    /**
     * The GPU count resource the device plugin registers (the chart's {@code resourceName}): which containers ask
     * for GPUs decides which container an allocation entry belongs to.
     */
    RESOURCE_NAME("resource-name", "HAMI_RESOURCE_NAME", Vendors.defaults().byId("nvidia").orElseThrow().resources().count());

    private final String key;
    private final String env;
    private final String defaultValue;

    Setting(String key, String env, String defaultValue) {
        this.key = key;
        this.env = env;
        this.defaultValue = defaultValue;
    }

    /** The flag name without dashes, which is also the configuration file key. */
    public String key() {
        return key;
    }

    /** The environment variable. */
    public String env() {
        return env;
    }

    /** The value used when no source sets it; empty for settings without a default. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }
}
