package io.hami.deviceplugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.protocol.ContainerDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(Files.getPosixFilePermissions(vgpu.resolve("containers"))).isEqualTo(ContainerDirectories.WORLD_WRITABLE);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("vgpulock"))).isEqualTo(ContainerDirectories.WORLD_WRITABLE);

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
}
