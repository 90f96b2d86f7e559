package io.hami.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitorConfigTest {

    @Test
    void defaultsAreHamisChartValues() throws Exception {
        var c = MonitorConfig.load(Map.of(), Map.of("NODE_NAME", "node-1"), Optional.empty());
        assertThat(c.nodeName()).isEqualTo("node-1");
        assertThat(c.containersDir()).isEqualTo(Path.of("/usr/local/vgpu/containers"));
        assertThat(c.bindAddress()).isEqualTo(new BindAddress(Optional.empty(), 9394));
        assertThat(c.legacyMetrics()).isFalse();
        assertThat(c.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.feedbackInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.migApplyLock()).isEqualTo(Path.of("/tmp/hami/hami-mig-apply.lock"));
        assertThat(c.kubeconfig()).isEmpty();
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFile(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("monitor.properties"),
                "node-name=from-file\nhook-path=/file\nresync-interval=1m\nlegacy-metrics=true\n");
        var c = MonitorConfig.load(Map.of("node-name", "from-flag"),
                Map.of("NODE_NAME", "from-env", "HOOK_PATH", "/env"), Optional.of(file));
        assertThat(c.nodeName()).isEqualTo("from-flag");
        assertThat(c.hookPath()).isEqualTo(Path.of("/env"));
        assertThat(c.resyncInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.legacyMetrics()).isTrue();
    }

    @Test
    void errorsNameTheSettingAndWhereItCameFrom(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> MonitorConfig.load(Map.of(), Map.of(), Optional.empty()))
                .hasMessage("--node-name (or NODE_NAME) is required");
        assertThatThrownBy(() -> MonitorConfig.load(Map.of("node-name", "n"), Map.of("HAMI_RESYNC_INTERVAL", "5 minutes"),
                Optional.empty())).hasMessage("resync-interval from $HAMI_RESYNC_INTERVAL: not a duration (e.g. 5m, 90s, 1h30m): 5 minutes");
        assertThatThrownBy(() -> MonitorConfig.load(Map.of("node-name", "n", "metrics-bind-address", "9394"), Map.of(),
                Optional.empty())).hasMessage("metrics-bind-address from --metrics-bind-address: not an address (e.g. :9394 or 127.0.0.1:9394): 9394");
        var file = Files.writeString(dir.resolve("bad.properties"), "node-nmae=x\n");
        assertThatThrownBy(() -> MonitorConfig.load(Map.of(), Map.of(), Optional.of(file))).hasMessage(file + ": unknown key node-nmae");
        assertThatThrownBy(() -> MonitorConfig.load(Map.of("node-name", "n", "feedback-interval", "0"), Map.of(), Optional.empty()))
                .hasMessage("feedback-interval must be positive: PT0S");
    }

    @ParameterizedTest
    @CsvSource({"5m,300000", "300s,300000", "1h30m,5400000", "1.5s,1500", "500ms,500", "0,0", "2h0m0.5s,7200500"})
    void readsGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"''", "5", "m", "-5m", "5 m", "5d", "1.2.3s"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goDurationsOfWholeUnitsRoundTrip() {
        qt().forAll(integers().between(0, 1_000_000), integers().between(0, 3)).checkAssert((n, unit) -> {
            var text = n + new String[] {"ms", "s", "m", "h"}[unit];
            var expected = switch (unit) {
                case 0 -> Duration.ofMillis(n);
                case 1 -> Duration.ofSeconds(n);
                case 2 -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            assertThat(GoDuration.parse(text)).isEqualTo(expected);
        });
    }

    @ParameterizedTest
    @CsvSource({":9394,,9394", "127.0.0.1:0,127.0.0.1,0", "[::1]:9394,::1,9394"})
    void readsBindAddresses(String text, String host, int port) {
        var address = BindAddress.parse(text);
        assertThat(address).isEqualTo(new BindAddress(Optional.ofNullable(host), port));
        assertThat(address.toString()).isEqualTo(text);
    }
}
