package io.hami.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetWithExactPermissionsAndNoLeftovers() throws Exception {
        var target = Files.writeString(dir.resolve("config.json"), "old");
        AtomicFiles.write(target, "new".getBytes(), PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void replacesALinkItselfAndNeverWritesThroughIt() throws Exception {
        var victim = Files.writeString(dir.resolve("victim"), "keep");
        var link = Files.createSymbolicLink(dir.resolve("config.json"), victim);
        AtomicFiles.write(link, "new".getBytes(), PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(victim)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(link)).isFalse();
    }

    @Test
    void aFailedWriteLeavesTheTargetAndNoTemporaryFile() throws Exception {
        var target = Files.createDirectories(dir.resolve("config.json"));
        Files.writeString(target.resolve("inside"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes(), PosixFilePermissions.fromString("rw-------")))
                .isInstanceOf(java.io.IOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
