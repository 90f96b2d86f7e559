package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hami.cli.CliRun;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.oci.OciBundles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime, hook and CDI commands in-process: registration, argument pass-through, one-line errors. */
class RuntimeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheRuntimeCommands() {
        var run = CliRun.run("", "--help");
        assertThat(run.out()).contains("runtime", "hook", "cdi");
        assertThat(CliRun.run("", "hook", "createRuntime", "--help").out()).contains("Usage: hami hook createRuntime");
        assertThat(CliRun.run("", "cdi", "generate", "--help").out()).contains("--output-dir");
    }

    @Test
    void onlyTheExactContainerStartCommandsTakeTheFastPath() {
        assertThat(RuntimeEntry.handles(new String[] {"runtime", "state", "c1"})).isTrue();
        assertThat(RuntimeEntry.handles(new String[] {"hook", "createRuntime"})).isTrue();
        assertThat(RuntimeEntry.handles(new String[] {"hook", "createRuntime", "--help"})).isFalse();
        assertThat(RuntimeEntry.handles(new String[] {"hook"})).isFalse();
        assertThat(RuntimeEntry.handles(new String[] {"cdi", "generate"})).isFalse();
    }

    @Test
    void runcsOptionsPassThroughPicocliUntouched() {
        var cli = io.hami.cli.HamiCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        var parsed = cli.parseArgs("runtime", "--edit-only", "--root", "/r", "--log=/l", "-b", "/x", "--", "create", "--help", "-h", "c1");
        var command = (RuntimeCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(command.editOnly).isTrue();
        assertThat(command.runtimeArgs).containsExactly("--root", "/r", "--log=/l", "-b", "/x", "--", "create", "--help", "-h", "c1");
    }

    @Test
    void theFastEntryEditsNothingForOtherVerbsAndExplainsFailures() throws Exception {
        var conf = Files.writeString(dir.resolve("runtime.conf"), "hook = none\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        var env = Map.of("HAMI_RUNTIME_CONFIG", conf.toString());
        var err = new StringWriter();
        assertThat(RuntimeEntry.run(new String[] {"runtime", "--edit-only", "state", "c1"}, env, InputStream.nullInputStream(), new PrintWriter(err))).isZero();
        assertThat(err.toString()).isEmpty();
        int code = RuntimeEntry.run(new String[] {"runtime", "--edit-only", "create", "--bundle", dir.resolve("none").toString(), "c1"}, env,
                InputStream.nullInputStream(), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("hami runtime: bundle " + dir.resolve("none") + ": no such directory" + System.lineSeparator());
        var hookErr = new StringWriter();
        code = RuntimeEntry.run(new String[] {"hook", "createRuntime"}, env, new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(hookErr));
        assertThat(code).isEqualTo(2);
        assertThat(hookErr.toString()).isEqualTo("hami hook createRuntime: container state: expected a JSON object, found ARRAY" + System.lineSeparator());
    }

    @Test
    void aRuntimeThatIsNotThereIsNamedWithTheSettingThatChoosesIt() throws Exception {
        var conf = Files.writeString(dir.resolve("runtime.conf"), "hook = none\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        var err = new StringWriter();
        var env = Map.of("HAMI_RUNTIME_CONFIG", conf.toString(), "PATH", Files.createDirectories(dir.resolve("empty")).toString());
        int code = RuntimeEntry.run(new String[] {"runtime", "state", "c1"}, env, InputStream.nullInputStream(), new PrintWriter(err));
        assertThat(err.toString()).isEqualTo("hami runtime: runc not found on PATH; set the real runtime with \"runtime = /path/to/runtime\" in "
                + conf + System.lineSeparator());
        assertThat(code).isEqualTo(127);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang only
    void hostileBundlesAreRefusedInOneLineBeforeTheRuntimeRuns() throws Exception {
        var marker = dir.resolve("runtime-ran");
        var runtime = Files.writeString(dir.resolve("fake-runc"), "#!/bin/sh\necho \"$*\" > " + marker + "\n");
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwxr-xr-x"));
        var conf = Files.writeString(dir.resolve("runtime.conf"), "runtime = " + runtime + "\nhook = none\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        var env = Map.of("HAMI_RUNTIME_CONFIG", conf.toString());

        var copies = dir.resolve("copies");
        var visible = String.join(",", java.util.Collections.nCopies(10_000, "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448"));
        OciBundles.writeConfig(copies, OciBundles.config(List.of("sh"), List.of("NVIDIA_VISIBLE_DEVICES=" + visible, "CUDA_DEVICE_MEMORY_LIMIT_0=1000m"),
                RuncNode.CONTAINERD));
        var fifo = Files.createDirectories(dir.resolve("fifo"));
        assertThat(new ProcessBuilder("mkfifo", fifo.resolve("config.json").toString()).inheritIO().start().waitFor()).isZero();
        var expected = Map.of(
                copies, "hami runtime: process.env: hami-core-env: NVIDIA_VISIBLE_DEVICES: " + visible.length()
                        + " characters, longer than a list of 16 GPU UUIDs can be (2063)",
                fifo, "hami runtime: " + fifo.toRealPath().resolve("config.json") + ": a FIFO (named pipe), not a regular file");
        for (var bundle : expected.entrySet()) {
            var err = new StringWriter();
            int code = RuntimeEntry.run(new String[] {"runtime", "create", "--bundle", bundle.getKey().toString(), "c1"}, env,
                    InputStream.nullInputStream(), new PrintWriter(err));
            assertThat(err.toString()).isEqualTo(bundle.getValue() + System.lineSeparator());
            assertThat(code).isEqualTo(2);
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void cdiGenerateDescribesTheMockMachine() throws Exception {
        assumeTrue(OciBundles.isRoot(), "device nodes need root");
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var profile = NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        Files.createDirectories(dir.resolve("dev"));
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), "");
        for (var gpu : profile.devices()) {
            OciBundles.mknod(dir.resolve("dev/nvidia" + gpu.minor()), 195, gpu.minor());
        }
        var conf = Files.writeString(dir.resolve("runtime.conf"), String.join("\n", "hookPath = " + dir.resolve("hook"),
                "devRoot = " + dir.resolve("dev"), "hook = /usr/local/bin/hami", ""));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        var run = CliRun.run("", "cdi", "generate", "--config", conf.toString(), "--library", NvmlMock.current().library(),
                "--output-dir", dir.resolve("cdi").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("hami: wrote " + dir.resolve("cdi/hami.io-gpu.json") + " (2 GPUs, cdiVersion 0.5.0)\n");
        var spec = new JsonMapper().readTree(Files.readString(dir.resolve("cdi/hami.io-gpu.json")));
        assertThat(spec.findValuesAsText("name")).isEqualTo(List.of(profile.devices().get(0).uuid(), profile.devices().get(1).uuid(), "all"));
        var stdout = CliRun.run("", "cdi", "generate", "--config", conf.toString(), "--library", NvmlMock.current().library(), "--stdout");
        assertThat(new JsonMapper().readTree(stdout.out())).isEqualTo(spec);
    }

    @Test
    void cdiGenerateWithoutNvmlExitsThree() throws Exception {
        var conf = Files.writeString(dir.resolve("runtime.conf"), "hook = none\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        var run = CliRun.run("", "cdi", "generate", "--config", conf.toString(), "--library", "/nonexistent/libnvidia-ml.so.1", "--stdout");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("NVML not available: /nonexistent/libnvidia-ml.so.1: cannot open shared object file\n");
    }
}
