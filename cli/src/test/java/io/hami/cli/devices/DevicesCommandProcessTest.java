package io.hami.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hami.model.json.CanonicalJson;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.mock.VendorMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami devices} in a JVM of its own, as the README runs it: the mock's machine comes from the
 * NVML_MOCK_PROFILE variable, and the default library name is not shadowed by a mock this test JVM loaded.
 */
class DevicesCommandProcessTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result hami(Path profile, String... args) throws IOException, InterruptedException {
        return hami(VendorMock.NVIDIA, profile, args);
    }

    /** The command in a JVM of its own; every mock's profile variable is cleared, then {@code mock}'s set. */
    private static Result hami(VendorMock mock, Path profile, String... args) throws IOException, InterruptedException {
        return hami(mock, profile, null, args);
    }

    /** Like {@link #hami(VendorMock, Path, String...)}, with the dynamic linker looking in {@code libraries} first. */
    private static Result hami(VendorMock mock, Path profile, Path libraries, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.hami.cli.HamiCommand"));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        for (var m : VendorMock.values()) {
            pb.environment().remove(m.environment());
        }
        if (profile != null) {
            pb.environment().put(mock.environment(), profile.toString());
        }
        if (libraries != null) {
            pb.environment().put("LD_LIBRARY_PATH", libraries.toString());
        }
        var process = pb.start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hami " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void theReadmeCommandPrintsTheEightA100sOfTheProfile(@TempDir Path dir) throws Exception {
        var profile = Files.writeString(dir.resolve("a100x8.json"), NvmlProfile.load(NvmlProfile.EIGHT_A100).text());
        var run = hami(profile, "devices", "--json", "--vendor", "nvidia", "--library", NvmlMock.current().library());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode array = CanonicalJson.MAPPER.readTree(run.out());
        assertThat(array).hasSize(8);
        assertThat(array.get(7).get("uuid").asText()).isEqualTo(NvmlProfile.load(NvmlProfile.EIGHT_A100).devices().get(7).uuid());
    }

    /** The README's command for each vendor's mock: the machine comes from the mock's variable. */
    @ParameterizedTest
    @EnumSource(value = VendorMock.class, names = "NVIDIA", mode = EnumSource.Mode.EXCLUDE)
    void theReadmeCommandListsEachVendorsMockMachine(VendorMock mock, @TempDir Path dir) throws Exception {
        var machine = mock.profile(VendorMock.MACHINE);
        var profile = Files.writeString(dir.resolve("machine.json"), machine.text());
        var run = hami(mock, profile, "devices", "--json", "--vendor", mock.vendor().id(), "--library", mock.library().library());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(mock.api().equals(mock.vendor().api()) ? "" : "hami: " + mock.vendor().id()
                + ": listed through " + mock.api() + " (" + mock.library().library() + ") instead of " + mock.vendor().api() + "\n");
        JsonNode array = CanonicalJson.MAPPER.readTree(run.out());
        assertThat(array).hasSize(machine.devices().size());
        for (int i = 0; i < array.size(); i++) {
            assertThat(array.get(i).get("vendor").asText()).isEqualTo(mock.vendor().id());
            assertThat(array.get(i).get("uuid").asText()).isEqualTo(machine.devices().get(i).get("uuid").asText());
        }
    }

    @Test
    void aProfileThatIsNotJsonIsNamedWithItsPosition(@TempDir Path dir) throws Exception {
        var profile = Files.writeString(dir.resolve("broken.json"), "{\"devices\": [\n  {\"uuid\": }\n]}\n");
        var run = hami(profile, "devices", "--vendor", "nvidia", "--library", NvmlMock.current().library());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "nvml-mock: profile " + profile + ": line 2, column 12: expected a value, found '}'",
                "NVIDIA NVML not available: " + NvmlMock.current().library() + ": nvmlInit_v2 failed: UNKNOWN (999)");
    }

    @Test
    void withoutAnyNvmlItPrintsOneLineAndExitsThree() throws Exception {
        var run = hami(null, "devices", "--vendor", "nvidia");
        assumeTrue(run.exitCode() != 0, "this machine has an NVIDIA driver");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("NVIDIA NVML not available: no library found (looked for libnvidia-ml.so.1)\n");
    }

    /** {@code hami devices --vendor cambricon} where the dynamic linker finds nothing but what is in {@code libraries}. */
    private static Result cambricon(Path profile, Path libraries) throws IOException, InterruptedException {
        return hami(VendorMock.CAMBRICON_CNRT, profile, libraries, "devices", "--json", "--vendor", "cambricon");
    }

    @Test
    void withoutCndevOrCnrtItNamesBothAndExitsThree(@TempDir Path empty) throws Exception {
        var run = cambricon(null, empty);
        assumeTrue(run.exitCode() != 0, "this machine has a Cambricon library");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Cambricon CNDEV or CNRT not available: no library found (looked for libcndev.so, libcnrt.so)\n");
    }

    @Test
    void whereOnlyCnrtIsFoundCambriconIsListedThroughItAndSaysSo(@TempDir Path dir) throws Exception {
        var libraries = Files.createDirectory(dir.resolve("lib"));
        assumeTrue(cambricon(null, libraries).exitCode() != 0, "this machine has a Cambricon library");
        Files.createSymbolicLink(libraries.resolve("libcnrt.so"), Path.of(VendorMock.CAMBRICON_CNRT.library().library()).toAbsolutePath());
        var machine = VendorMock.CAMBRICON_CNRT.profile(VendorMock.MACHINE);
        var run = cambricon(Files.writeString(dir.resolve("machine.json"), machine.text()), libraries);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("hami: cambricon: listed through CNRT (libcnrt.so) instead of CNDEV\n");
        JsonNode array = CanonicalJson.MAPPER.readTree(run.out());
        assertThat(array).hasSize(machine.devices().size());
        for (int i = 0; i < array.size(); i++) {
            assertThat(array.get(i).get("uuid").asText()).isEqualTo(machine.devices().get(i).get("uuid").asText());
        }
    }

    @Test
    void withoutAnyVendorsLibraryItPrintsOneLineAndExitsThree() throws Exception {
        var run = hami(null, "devices");
        assumeTrue(run.exitCode() == 3 && run.err().startsWith("no accelerator"), "this machine has a vendor library");
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("no accelerator management library found (looked for libnvidia-ml.so.1, libcndev.so, ")
                .endsWith(", libmtml.so)\n").hasLineCount(1);
    }
}
