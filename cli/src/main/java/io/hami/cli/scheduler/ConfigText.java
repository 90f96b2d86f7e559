package io.hami.cli.scheduler;

import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicyCodec;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.model.annotation.GoDuration;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;

/** The effective configuration as {@code key: value} lines ({@code hami scheduler --print-config}). */
final class ConfigText {

    private ConfigText() {
    }

    static List<String> lines(DaemonConfig c) {
        var lines = new ArrayList<String>();
        String tls = c.tls().isPresent() ? "https, cert " + c.tls().get().certificate() + ", key "
                + c.tls().get().key() : "plain http";
        String clients = c.tls().flatMap(DaemonConfig.Tls::clientCa).map(ca -> "clients with a certificate from " + ca)
                .orElse("loopback only");
        lines.add("http: " + c.http() + " (" + tls + "; /filter, /bind for " + clients + ")");
        lines.add("webhook: " + c.webhook() + " (" + tls + "; /webhook)");
        lines.add("metrics: " + c.metrics() + " (plain http; /metrics" + (c.legacyMetrics() ? ", with legacy names"
                : "") + ")");
        lines.add("allocation page: " + c.allocationPage().map(a -> a + " (plain http; read-only /, /allocation.json)")
                .orElse("off"));
        lines.add("scheduler-name: " + c.schedulerName());
        lines.add("force-overwrite-default-scheduler: " + c.forceOverwriteDefaultScheduler());
        lines.add("node-scheduler-policy: " + NodeSchedulerPolicyCodec.INSTANCE.encode(c.decision().nodePolicy()));
        lines.add("gpu-scheduler-policy: " + GpuSchedulerPolicyCodec.INSTANCE.encode(c.decision().gpuPolicy()));
        lines.add("evaluation: " + c.decision().evaluation());
        lines.add("node-label-selector: " + new java.util.TreeMap<>(c.nodeLabelSelector()));
        lines.add("node-lock-timeout: " + GoDuration.format(c.nodeLockTimeout()));
        lines.add("node-lock-retry-timeout: " + GoDuration.format(c.nodeLockRetryTimeout()));
        lines.add("node-lock-wait: " + GoDuration.format(c.nodeLockWait()));
        lines.add("leader-elect: " + (c.leader().enabled() ? c.leader().namespace() + "/" + c.leader().name()
                + " as " + c.leader().identity() : "off (always leader)"));
        lines.add("warm-up: " + (c.warmUp().enabled() ? "up to " + c.warmUp().rounds() + " rounds within "
                + GoDuration.format(c.warmUp().time()) + " before ready" : "off"));
        lines.add("device-types: " + String.join(", ", c.decision().types().all().stream().map(DeviceType::id)
                .toList()));
        return lines;
    }
}
