package io.hami.monitor.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.List;
import java.util.Locale;

/**
 * {@code hami_build_info}: what this build is, with HAMi's label names so that its dashboards keep working.
 * {@code go_version} carries the Java runtime, {@code compiler} {@code javac}, {@code platform}
 * {@code <os>/<arch>} as Go writes it.
 *
 * @param version   the hami-java version
 * @param revision  the source revision, {@code unknown} when the build did not record it
 * @param buildDate the build date, {@code unknown} when the build did not record it
 * @param runtime   e.g. {@code java25.0.1}
 * @param platform  e.g. {@code linux/amd64}
 */
public record BuildInfo(String version, String revision, String buildDate, String runtime, String platform) {

    /** This JVM's runtime and platform, with the given build facts. */
    public static BuildInfo of(String version, String revision, String buildDate) {
        String arch = System.getProperty("os.arch");
        String goArch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        return new BuildInfo(version, revision, buildDate, "java" + Runtime.version().feature() + "."
                + Runtime.version().interim() + "." + Runtime.version().update(),
                System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + goArch);
    }

    GaugeSnapshot snapshot() {
        var labels = Labels.of("version", version, "revision", revision, "build_date", buildDate, "go_version", runtime,
                "compiler", "javac", "platform", platform);
        return new GaugeSnapshot(new MetricMetadata("hami_build_info",
                "hami build metadata exposed as labels with a constant value of 1."),
                List.of(new GaugeDataPointSnapshot(1, labels, null)));
    }
}
