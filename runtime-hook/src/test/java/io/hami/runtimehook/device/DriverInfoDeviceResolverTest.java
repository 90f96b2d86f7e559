package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.runtimehook.HookException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverInfoDeviceResolverTest {
    static final String A = "GPU-a1000000-5e1d-4c2b-9f3a-7d6e5c4b3a20";
    static final String B = "GPU-a1000001-5e1d-4c2b-9f3a-7d6e5c4b3a21";

    @TempDir
    Path dir;

    /** Counts how often the fallback was opened and asked, and whether it was closed. */
    static final class Fallback implements DeviceResolver {
        int opened;
        final List<String> asked = new ArrayList<>();
        boolean closed;

        DeviceResolver open() {
            opened++;
            return this;
        }

        @Override
        public int minor(String uuid) throws HookException {
            asked.add(uuid);
            if (uuid.startsWith("MIG-")) {
                return 6;
            }
            throw new HookException("NVIDIA_VISIBLE_DEVICES: GPU \"" + uuid + "\" is not on this node");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private Path gpu(String pci, String text) throws IOException {
        var d = Files.createDirectories(dir.resolve("gpus").resolve(pci));
        return Files.writeString(d.resolve("information"), text);
    }

    private static String information(String uuid, String minor) {
        return "Model: \t\t NVIDIA A100-SXM4-40GB\nIRQ:   \t\t 139\nGPU UUID: \t " + uuid + "\nVideo BIOS: \t 92.00.45.00.03\n"
                + "Bus Type: \t PCIe\nDMA Size: \t 47 bits\nDMA Mask: \t 0x7fffffffffff\nBus Location: \t 0000:07:00.0\n"
                + "Device Minor: \t " + minor + "\nGPU Excluded:\t No\n";
    }

    @Test
    void aGpuTheDriverFilesNameIsResolvedWithoutOpeningTheLibrary() throws Exception {
        gpu("0000:07:00.0", information(A, "3"));
        gpu("0000:0f:00.0", information(B, "0"));
        var fallback = new Fallback();
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("gpus"), fallback::open)) {
            assertThat(resolver.minor(A)).isEqualTo(3);
            assertThat(resolver.minor(B)).isZero();
        }
        assertThat(fallback.opened).isZero();
        assertThat(fallback.closed).isFalse();
    }

    @Test
    void aUuidTheFilesDoNotNameGoesToTheLibraryOpenedOnceAndClosedWithTheResolver() throws Exception {
        gpu("0000:07:00.0", information(A, "3"));
        var fallback = new Fallback();
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("gpus"), fallback::open)) {
            assertThat(resolver.minor("MIG-4a3b2c1d-0000-4000-8000-000000000001")).isEqualTo(6);
            assertThatThrownBy(() -> resolver.minor("GPU-ffffffff-0000-4000-8000-000000000000"))
                    .hasMessage("NVIDIA_VISIBLE_DEVICES: GPU \"GPU-ffffffff-0000-4000-8000-000000000000\" is not on this node");
            assertThat(resolver.minor(A)).isEqualTo(3);
        }
        assertThat(fallback.opened).isEqualTo(1);
        assertThat(fallback.asked).hasSize(2);
        assertThat(fallback.closed).isTrue();
    }

    @Test
    void withoutTheDriverDirectoryEveryUuidGoesToTheLibrary() throws Exception {
        var fallback = new Fallback();
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("missing"), fallback::open)) {
            assertThatThrownBy(() -> resolver.minor(A)).hasMessageContaining("is not on this node");
        }
        assertThat(fallback.asked).containsExactly(A);
    }

    @Test
    void aGpuDirectoryWithoutAnInformationFileOrWithoutAUuidIsSkipped() throws Exception {
        Files.createDirectories(dir.resolve("gpus/0000:01:00.0"));
        gpu("0000:02:00.0", "Model: \t\t NVIDIA A100\nDevice Minor: \t 1\n");
        gpu("0000:07:00.0", information(A, "3"));
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("gpus"), new Fallback()::open)) {
            assertThat(resolver.minor(A)).isEqualTo(3);
        }
    }

    @Test
    void aFileThatNamesTheGpuButNoNumberIsAnErrorNamingTheFile() throws Exception {
        var file = gpu("0000:07:00.0", information(A, "three"));
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("gpus"), new Fallback()::open)) {
            assertThatThrownBy(() -> resolver.minor(A)).isInstanceOf(HookException.class)
                    .hasMessage(file + ": GPU \"" + A + "\": Device Minor: expected a number: \"three\"");
        }
        var missing = gpu("0000:07:00.0", "GPU UUID: \t " + A + "\n");
        try (var resolver = new DriverInfoDeviceResolver(dir.resolve("gpus"), new Fallback()::open)) {
            assertThatThrownBy(() -> resolver.minor(A)).hasMessage(missing + ": GPU \"" + A + "\": Device Minor: expected a number: missing");
        }
    }
}
