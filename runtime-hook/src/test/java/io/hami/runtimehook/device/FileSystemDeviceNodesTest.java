package io.hami.runtimehook.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real lookup on what any user can see; nodes made with {@code mknod} are in {@code FileSystemDeviceNodesIT}. */
class FileSystemDeviceNodesTest {
    private final DeviceNodeLookup lookup = DeviceNodeLookup.fileSystem();

    @TempDir
    Path dir;

    @Test
    void readsTheNumbersModeAndOwnerOfDevNull() throws Exception {
        assertThat(lookup.read(Path.of("/dev/null"), "/dev/null")).contains(new DeviceNode("/dev/null", 1, 3, 0666, 0, 0));
    }

    @Test
    void aLinkOrARegularFileIsNotADeviceNode() throws Exception {
        var link = Files.createSymbolicLink(dir.resolve("nvidia7"), Path.of("/dev/null"));
        var file = Files.writeString(dir.resolve("nvidia8"), "");
        assertThatThrownBy(() -> lookup.read(link, "/dev/nvidia7")).hasMessage("device node " + link + ": not a character device");
        assertThatThrownBy(() -> lookup.read(file, "/dev/nvidia8")).hasMessage("device node " + file + ": not a character device");
    }

    @Test
    void nothingAtThePathIsNoNode() throws Exception {
        assertThat(lookup.read(dir.resolve("nvidia9"), "/dev/nvidia9")).isEmpty();
    }

    @Test
    void decodesLinuxDeviceNumbersBothWays() {
        // glibc's makedev: the low 8 bits of the minor, then 12 bits of major, then the rest of the minor, then the rest of the major.
        qt().forAll(integers().between(0, 0xfff), integers().between(0, 0xfffff)).checkAssert((major, minor) -> {
            long dev = (minor & 0xffL) | ((major & 0xfffL) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
            assertThat(FileSystemDeviceNodes.major(dev)).isEqualTo((long) major);
            assertThat(FileSystemDeviceNodes.minor(dev)).isEqualTo((long) minor);
        });
    }
}
