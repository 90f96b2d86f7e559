package io.hami.runtimehook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Map<String, String> env(String text) throws Exception {
        var file = Files.writeString(dir.resolve("runtime.conf"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return Map.of(ConfigFile.CONFIG_ENV, file.toString());
    }

    @Test
    void withoutAFileTheDefaultsAreHamisChartDefaults() throws Exception {
        var config = ConfigFile.build(Map.of(), Map.of(), Optional.empty());
        assertThat(config.runtime()).isEqualTo("runc");
        assertThat(config.settings().vgpuDir()).isEqualTo("/usr/local/vgpu");
        assertThat(config.settings().libvgpuHostFile()).isEqualTo("/usr/local/vgpu/libvgpu.so");
        assertThat(config.vgpuLockDir()).isEqualTo(Path.of("/tmp/vgpulock"));
        assertThat(config.devRoot()).isEqualTo(Path.of("/dev"));
        assertThat(config.hookCommand()).isEmpty();
        assertThat(config.hostNode("/dev/nvidia3")).isEqualTo(Path.of("/dev/nvidia3"));
    }

    @Test
    void readsEveryKeyAndTheLaunchersPathAsTheHook() throws Exception {
        var env = new java.util.HashMap<>(env("""
                # a node
                runtime = /usr/bin/crun
                hookPath=/opt/hami
                devRoot = /run/dev
                vgpuLockDir = /run/vgpulock
                nvmlLibrary = /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1
                hookTimeout = 7
                stateDir = /run/hami/state
                """));
        env.put(ConfigFile.COMMAND_ENV, "/opt/hami/bin/hami");
        var config = ConfigFile.load(env);
        assertThat(config.runtime()).isEqualTo("/usr/bin/crun");
        assertThat(config.settings().vgpuDir()).isEqualTo("/opt/hami/vgpu");
        assertThat(config.hostNode("/dev/nvidia0")).isEqualTo(Path.of("/run/dev/nvidia0"));
        assertThat(config.hookCommand()).contains(Path.of("/opt/hami/bin/hami"));
        assertThat(config.hookTimeout()).isEqualTo(7);
        assertThat(config.configFile()).contains(dir.resolve("runtime.conf"));
        env.putAll(env("hook = none\n"));
        assertThat(ConfigFile.load(env).hookCommand()).isEmpty();
    }

    @Test
    void rejectsUnknownKeysRepeatsAndRelativePaths() throws Exception {
        assertThatThrownBy(() -> ConfigFile.load(env("runtime = runc\nruntim = x\n"))).hasMessageContaining("line 2: expected one of");
        assertThatThrownBy(() -> ConfigFile.load(env("runtime = runc\nruntime = crun\n"))).hasMessageContaining("line 2: runtime is set twice");
        assertThatThrownBy(() -> ConfigFile.load(env("devRoot = dev\n"))).hasMessageContaining("devRoot: not a normalized absolute path: dev");
        assertThatThrownBy(() -> ConfigFile.load(env("hookPath = /usr/local/../../etc\n"))).hasMessageContaining("not an absolute path without '..': /usr/local/../../etc");
        assertThatThrownBy(() -> ConfigFile.load(env("runtime = bin/runc\n"))).hasMessageContaining("runtime: an absolute path or a bare command name");
        assertThatThrownBy(() -> ConfigFile.load(env("hookTimeout = 0\n"))).hasMessageContaining("hookTimeout: must lie in 1..300");
    }

    @Test
    void readsTheWaitForAllocationRecordsAsAGoDurationWithinTwoMinutes() throws Exception {
        assertThat(ConfigFile.build(Map.of(), Map.of(), Optional.empty()).allocationWait()).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(ConfigFile.build(Map.of("allocationWait", "1m30s"), Map.of(), Optional.empty()).allocationWait())
                .isEqualTo(java.time.Duration.ofSeconds(90));
        assertThatThrownBy(() -> ConfigFile.build(Map.of("allocationWait", "20"), Map.of(), Optional.empty()))
                .hasMessageContaining("20");
        assertThatThrownBy(() -> ConfigFile.build(Map.of("allocationWait", "3m"), Map.of(), Optional.empty()))
                .hasMessageContaining("allocationWait: must lie in 0s..2m0s");
    }

    @Test
    void aFileOthersMayWriteIsRefused() throws Exception {
        var env = env("runtime = runc\n");
        Files.setPosixFilePermissions(Path.of(env.get(ConfigFile.CONFIG_ENV)), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> ConfigFile.load(env)).hasMessageEndingWith("writable by group or others (mode 666)");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedNotReadWithReplacementCharacters() throws Exception {
        var env = env("");
        var file = Path.of(env.get(ConfigFile.CONFIG_ENV));
        Files.write(file, "runtime = caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigFile.load(env)).hasMessage("runtime config " + file + ": not valid UTF-8 (at byte 13)");
    }

    @Test
    void contentFromMemoryParsesAsTheFileDoes() throws Exception {
        var text = "runtime = /usr/bin/crun\nstateDir = /run/hami/state\n";
        var file = Path.of(env(text).get(ConfigFile.CONFIG_ENV));
        assertThat(ConfigFile.parse(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(ConfigFile.parse(file));
        assertThatThrownBy(() -> ConfigFile.parse(file, "runtime = caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .hasMessage("runtime config " + file + ": not valid UTF-8 (at byte 13)");
    }

    @Test
    void aNamedFileMustExist() {
        assertThatThrownBy(() -> ConfigFile.load(Map.of(ConfigFile.CONFIG_ENV, dir.resolve("missing.conf").toString())))
                .hasMessageEndingWith("missing.conf: no such file");
    }
}
