package io.hami.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerDirectoriesTest {
    private static final ContainerIdentity ID = new ContainerIdentity("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "cuda");

    @TempDir
    Path root;
    Path vgpu;

    @BeforeEach
    void hamiCore() throws IOException {
        vgpu = Files.createDirectory(root.resolve("vgpu"));
    }

    @Test
    void namesADirectoryByPodUidAndContainerAndParsesItBack() {
        assertThat(ContainerDirectories.name(ID)).isEqualTo("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_cuda");
        assertThat(ID.directoryName()).isEqualTo(ContainerDirectories.name(ID));
        assertThat(ContainerDirectories.parse(ContainerDirectories.name(ID))).contains(ID);
        assertThat(ContainerDirectories.of(vgpu, ID)).isEqualTo(vgpu.resolve("containers").resolve(ContainerDirectories.name(ID)));
    }

    @Test
    void parsesNoNameThatIsNotAValidPodUidAndContainer() {
        for (var bad : new String[] {"", "_", "cuda", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_", "_cuda",
            "../../etc_cuda", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_a_b", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_../x"}) {
            assertThat(ContainerDirectories.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ContainerDirectories.parse(null)).isEmpty();
    }

    @Test
    void ensureMakesContainersAndTheContainersDirectoryWorldWritableAndKeepsAnExistingOne() throws IOException {
        assertThat(ContainerDirectories.ensure(vgpu, ID)).isTrue();
        var dir = ContainerDirectories.of(vgpu, ID);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(ContainerDirectories.WORLD_WRITABLE);
        assertThat(Files.getPosixFilePermissions(ContainerDirectories.root(vgpu))).isEqualTo(ContainerDirectories.WORLD_WRITABLE);
        Files.writeString(dir.resolve("region.cache"), "kept");
        assertThat(ContainerDirectories.ensure(vgpu, ID)).isFalse();
        assertThat(dir.resolve("region.cache")).hasContent("kept");
    }

    @Test
    void ensureRefusesALinkWhereTheContainerDirectoryOrContainersShouldBe() throws IOException {
        var elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createDirectories(ContainerDirectories.root(vgpu));
        Files.createSymbolicLink(ContainerDirectories.of(vgpu, ID), elsewhere);
        assertThatThrownBy(() -> ContainerDirectories.ensure(vgpu, ID)).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        Files.delete(ContainerDirectories.of(vgpu, ID));
        Files.delete(ContainerDirectories.root(vgpu));
        Files.createSymbolicLink(ContainerDirectories.root(vgpu), elsewhere);
        assertThatThrownBy(() -> ContainerDirectories.ensure(vgpu, ID)).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        try (var inside = Files.list(elsewhere)) {
            assertThat(inside).isEmpty();
        }
    }

    @Test
    void ensureNeedsHamiCoresDirectory() {
        assertThatThrownBy(() -> ContainerDirectories.ensure(vgpu.resolve("missing"), ID)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void recreateEmptiesTheDirectoryWithoutFollowingLinks() throws IOException {
        var outside = Files.writeString(root.resolve("outside"), "keep");
        var dir = Files.createDirectories(ContainerDirectories.of(vgpu, ID).resolve("sub"));
        Files.writeString(dir.resolve("old.cache"), "x");
        Files.createSymbolicLink(dir.resolve("link"), outside);
        Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));

        var made = ContainerDirectories.recreate(vgpu, ID);

        try (var files = Files.list(made)) {
            assertThat(files).isEmpty();
        }
        assertThat(Files.getPosixFilePermissions(made)).isEqualTo(ContainerDirectories.WORLD_WRITABLE);
        assertThat(outside).hasContent("keep");
    }

    @Test
    void recreateReplacesALinkAtTheContainerDirectoryAndLeavesItsTarget() throws IOException {
        var target = Files.createDirectories(root.resolve("target"));
        Files.writeString(target.resolve("host.file"), "keep");
        Files.createDirectories(ContainerDirectories.root(vgpu));
        Files.createSymbolicLink(ContainerDirectories.of(vgpu, ID), target);

        var made = ContainerDirectories.recreate(vgpu, ID);

        assertThat(Files.isDirectory(made, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(target.resolve("host.file")).hasContent("keep");
    }

    @Test
    void removeDeletesATreeButNeverALinksTargetAndIgnoresWhatIsGone() throws IOException {
        var outside = Files.createDirectories(root.resolve("out"));
        Files.writeString(outside.resolve("f"), "keep");
        var dir = Files.createDirectories(ContainerDirectories.of(vgpu, ID).resolve("a/b"));
        Files.createSymbolicLink(dir.resolve("to-dir"), outside);
        Files.createSymbolicLink(dir.getParent().resolve("to-file"), outside.resolve("f"));

        ContainerDirectories.remove(ContainerDirectories.of(vgpu, ID));
        ContainerDirectories.remove(ContainerDirectories.of(vgpu, ID));

        assertThat(ContainerDirectories.of(vgpu, ID)).doesNotExist();
        assertThat(outside.resolve("f")).hasContent("keep");
    }
}
