package io.hami.model.config;

import io.hami.model.input.UntrustedInputException;
import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void namesTheFileThePathAndTheLine() throws IOException {
        Path file = write("device-config.yaml", """
                nvidia:
                  resourceCountName: nvidia.com/gpu
                  memoryFactor: 0
                """.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeviceConfigLoader.load(file))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("device-config: " + file + ": nvidia.memoryFactor (line 3, column 17): must be at least 1: \"0\"")
                .satisfies(e -> assertThat(((WireFormatException) e).field())
                        .isEqualTo(file + ": nvidia.memoryFactor (line 3, column 17)"))
                .hasCauseInstanceOf(WireFormatException.class);
    }

    @Test
    void namesTheFileForWholeConfigurationErrors() throws IOException {
        Path file = write("empty.yaml", new byte[0]);
        assertThatThrownBy(() -> DeviceConfigLoader.load(file))
                .hasMessage("device-config: " + file + ": (root): all configurations are empty");
    }

    @Test
    void refusesFilesOverOneMebibyte() throws IOException {
        Path file = write("big.yaml", ("#" + "x".repeat(DeviceConfigCodec.MAX_CHARS)).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeviceConfigLoader.load(file))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": larger than 1048576 bytes (1048577)");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path file = write("latin1.yaml", "nvidia:\n  runtimeClassName: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DeviceConfigLoader.load(file))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(file + ": not valid UTF-8 (at byte 31)");
    }

    @Test
    void acceptsAByteOrderMark() throws Exception {
        byte[] yaml = ("\uFEFF" + DeviceConfigCodecTest.chartYaml()).getBytes(StandardCharsets.UTF_8);
        assertThat(DeviceConfigLoader.load(write("bom.yaml", yaml)))
                .isEqualTo(DeviceConfigLoader.load(DeviceConfigCodecTest.chartPath()));
    }

    @Test
    void decodesContentFromMemoryAsItLoadsTheFile() throws Exception {
        Path name = dir.resolve("device-config.yaml");
        byte[] chart = ("\uFEFF" + DeviceConfigCodecTest.chartYaml()).getBytes(StandardCharsets.UTF_8);
        assertThat(DeviceConfigLoader.decode(name, chart)).isEqualTo(DeviceConfigLoader.load(DeviceConfigCodecTest.chartPath()));
        byte[] bad = "nvidia:\n  memoryFactor: 0\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DeviceConfigLoader.decode(name, bad))
                .hasMessage("device-config: " + name + ": nvidia.memoryFactor (line 2, column 17): must be at least 1: \"0\"");
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> DeviceConfigLoader.decode(name, latin1)).isInstanceOf(UntrustedInputException.class)
                .hasMessage(name + ": not valid UTF-8 (at byte 3)");
    }

    @Test
    void reportsAMissingFileInOneLine() {
        assertThatThrownBy(() -> DeviceConfigLoader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(dir.resolve("absent.yaml") + ": no such file");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a hang, not a speed check
    void refusesAFifoWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("device-config.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> DeviceConfigLoader.load(fifo))
                .isInstanceOf(UntrustedInputException.class)
                .hasMessage(fifo + ": a FIFO (named pipe), not a regular file");
    }
}
