package io.hami.model.config;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
                .hasMessage("device-config: " + file + ": file larger than 1048576 bytes");
    }

    @Test
    void refusesTextThatIsNotUtf8() throws IOException {
        Path file = write("latin1.yaml", "nvidia:\n  runtimeClassName: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DeviceConfigLoader.load(file))
                .hasMessage("device-config: " + file + ": not UTF-8 text");
    }

    @Test
    void acceptsAByteOrderMark() throws Exception {
        byte[] yaml = ("\uFEFF" + DeviceConfigCodecTest.chartYaml()).getBytes(StandardCharsets.UTF_8);
        assertThat(DeviceConfigLoader.load(write("bom.yaml", yaml)))
                .isEqualTo(DeviceConfigLoader.load(DeviceConfigCodecTest.chartPath()));
    }

    @Test
    void reportsAMissingFileAsAnIoError() {
        assertThatThrownBy(() -> DeviceConfigLoader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
