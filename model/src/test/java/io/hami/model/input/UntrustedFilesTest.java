package io.hami.model.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.input.UntrustedFiles.Links;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of path a daemon may be pointed at, and what reading it gives: the bytes, or one line. */
// a guard against a hang (a FIFO opened by mistake), not a speed check
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UntrustedFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFile() throws Exception {
        var file = Files.writeString(dir.resolve("a.conf"), "node-name=n1\n");
        assertThat(UntrustedFiles.readText(file, 64)).isEqualTo("node-name=n1\n");
        assertThat(UntrustedFiles.readBytes(file, 13)).hasSize(13);
    }

    @Test
    void refusesAFileLargerThanTheBound() throws Exception {
        var file = Files.write(dir.resolve("big"), new byte[65]);
        assertThatThrownBy(() -> UntrustedFiles.readBytes(file, 64))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": larger than 64 bytes (65)");
    }

    @Test
    void refusesAFileThatGrowsPastTheBoundWhileItIsRead() throws Exception {
        var file = Files.write(dir.resolve("growing"), new byte[10]);
        try (InputStream in = UntrustedFiles.open(file, 16, Links.FOLLOW)) {
            Files.write(file, new byte[100]);
            assertThatThrownBy(in::readAllBytes).isInstanceOf(UntrustedInputException.class)
                    .hasMessage(file + ": larger than 16 bytes");
        }
    }

    @Test
    void streamsAFileUnderTheLargestBound() throws Exception {
        var file = Files.write(dir.resolve("library"), new byte[100_000]);
        try (InputStream in = UntrustedFiles.open(file, Long.MAX_VALUE, Links.REFUSE)) {
            assertThat(in.readAllBytes()).hasSize(100_000);
        }
    }

    @Test
    void refusesAFifoWithoutBlocking() throws Exception {
        var fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> UntrustedFiles.readText(fifo, 1024))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(fifo + ": a FIFO (named pipe), not a regular file");
    }

    @Test
    @EnabledIf("devZeroExists")
    void refusesADeviceWithoutReadingIt() {
        assertThatThrownBy(() -> UntrustedFiles.readBytes(Path.of("/dev/zero"), 1024))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage("/dev/zero: a character device, not a regular file");
    }

    @Test
    void refusesADirectory() {
        assertThatThrownBy(() -> UntrustedFiles.readBytes(dir, 1024))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(dir + ": a directory, not a regular file");
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> UntrustedFiles.readBytes(dir.resolve("absent"), 1024))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(dir.resolve("absent") + ": no such file");
        assertThatThrownBy(() -> UntrustedFiles.readBytes(dir.resolve("absent/below"), 1024))
                .hasMessage(dir.resolve("absent/below") + ": no such file");
    }

    @Test
    void followsALinkByDefaultAndRefusesOneWhenAsked() throws Exception {
        // Kubernetes mounts a ConfigMap's keys as links into ..data
        var target = Files.writeString(dir.resolve("target"), "x");
        var link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(UntrustedFiles.readText(link, 16)).isEqualTo("x");
        assertThatThrownBy(() -> UntrustedFiles.readText(link, 16, Links.REFUSE))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(link + ": a symbolic link (not followed here), not a regular file");
        var dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThatThrownBy(() -> UntrustedFiles.readText(dangling, 16)).hasMessage(dangling + ": no such file");
    }

    @Test
    void checksTheFileALinkLeadsTo() throws Exception {
        var link = Files.createSymbolicLink(dir.resolve("link"), dir);
        assertThatThrownBy(() -> UntrustedFiles.readText(link, 16))
                .hasMessage(link + ": a directory, not a regular file");
    }

    @Test
    void refusesTextThatIsNotUtf8AndNamesTheByte() throws Exception {
        var file = Files.write(dir.resolve("latin1"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> UntrustedFiles.readText(file, 64))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": not valid UTF-8 (at byte 3)");
        var truncated = Files.write(dir.resolve("truncated"), new byte[] {'a', (byte) 0xe2, (byte) 0x82});
        assertThatThrownBy(() -> UntrustedFiles.readText(truncated, 64)).hasMessage(truncated + ": not valid UTF-8 (at byte 1)");
    }

    @Test
    void dropsAByteOrderMark() throws Exception {
        var file = Files.writeString(dir.resolve("bom"), "\uFEFFa=b");
        assertThat(UntrustedFiles.readText(file, 64)).isEqualTo("a=b");
    }

    @Test
    void quotesAPathWithControlCharacters() {
        var odd = dir.resolve("a\nb");
        assertThatThrownBy(() -> UntrustedFiles.readBytes(odd, 16))
                .hasMessage("\"" + dir + "/a\\nb\": no such file");
    }

    @Test
    void readsAStreamWithTheSameBound() throws Exception {
        assertThat(StrictUtf8.read(new ByteArrayInputStream("ok".getBytes(StandardCharsets.UTF_8)), 2, "stdin")).isEqualTo("ok");
        assertThatThrownBy(() -> StrictUtf8.read(new ByteArrayInputStream(new byte[3]), 2, "stdin"))
                .hasMessage("stdin: larger than 2 bytes");
        assertThatThrownBy(() -> StrictUtf8.read(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        }, 2, "stdin")).hasMessage("stdin: cannot read: Input/output error");
    }

    static boolean devZeroExists() {
        return Files.exists(Path.of("/dev/zero"));
    }
}
