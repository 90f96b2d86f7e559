package io.hami.deviceplugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSetupTest {
    @TempDir
    Path tmp;

    @Test
    void installsHamiCoreWhenItsChecksumDiffersAndRegeneratesThePreloadFile() throws Exception {
        var image = Files.createDirectories(tmp.resolve("image"));
        Files.writeString(image.resolve("libvgpu.so"), "v1");
        var vgpu = tmp.resolve("usr/local/vgpu");
        var setup = new HostSetup(vgpu, Optional.of(image), tmp.resolve("vgpulock"));

        setup.run();
        assertThat(vgpu.resolve("libvgpu.so")).hasContent("v1");
        assertThat(vgpu.resolve("ld.so.preload")).hasContent(vgpu.resolve("libvgpu.so") + "\n");
        assertThat(Files.getPosixFilePermissions(vgpu.resolve("containers"))).isEqualTo(HostDirectories.WORLD_WRITABLE);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("vgpulock"))).isEqualTo(HostDirectories.WORLD_WRITABLE);

        assertThat(HostSetup.install(image.resolve("libvgpu.so"), vgpu.resolve("libvgpu.so"))).isFalse();
        Files.writeString(image.resolve("libvgpu.so"), "v2");
        Files.writeString(vgpu.resolve("ld.so.preload"), "/somewhere/else.so\n");
        setup.run();
        assertThat(vgpu.resolve("libvgpu.so")).hasContent("v2");
        assertThat(vgpu.resolve("ld.so.preload")).hasContent(vgpu.resolve("libvgpu.so") + "\n");
        try (var files = Files.list(vgpu)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("libvgpu.so", "ld.so.preload", "containers");
        }
    }

    @Test
    void recreatesAContainerDirectoryEmptyAndWorldWritableWithoutFollowingLinks() throws Exception {
        var outside = Files.writeString(tmp.resolve("outside"), "keep");
        var dir = Files.createDirectories(tmp.resolve("containers/uid_cuda/sub"));
        Files.writeString(dir.resolve("old.cache"), "x");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

        HostDirectories.recreate(tmp.resolve("containers/uid_cuda"));

        try (var files = Files.list(tmp.resolve("containers/uid_cuda"))) {
            assertThat(files).isEmpty();
        }
        assertThat(Files.getPosixFilePermissions(tmp.resolve("containers/uid_cuda"))).isEqualTo(HostDirectories.WORLD_WRITABLE);
        assertThat(outside).hasContent("keep");
    }
}
