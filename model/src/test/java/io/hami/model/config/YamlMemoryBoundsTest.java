package io.hami.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.wire.WireFormatException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A device-config document costs memory in proportion to its size, whatever its shape: the bytes this thread
 * allocates while reading are measured (no timing), and a long scalar is refused before the YAML scanner,
 * whose look-ahead buffer is copied for every kilobyte of one token, makes it quadratic.
 */
class YamlMemoryBoundsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void refusesAPlainScalarOfOneMebibyteWithoutQuadraticAllocation() {
        String yaml = "nvidia:\n  resourceCountName: " + "x".repeat(DeviceConfigCodec.MAX_CHARS - 64) + "\n";
        long before = THREADS.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> DeviceConfigCodec.INSTANCE.decode(yaml))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("device-config: (root) (line 2, column 1): line longer than " + YamlTreeReader.MAX_LINE_CHARS
                        + " characters");
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated reading %d characters", yaml.length()).isLessThan(16L * yaml.length());
    }

    @Test
    void readsADocumentOfManyLongLinesInLinearMemory() throws WireFormatException {
        // one quoted scalar per line, each as long as a line may be: the scanner's worst accepted case
        var yaml = new StringBuilder("nvidia:\n  resourceCountName: nvidia.com/gpu\nextra:\n");
        String value = "y".repeat(YamlTreeReader.MAX_LINE_CHARS - 16);
        for (int i = 0; yaml.length() + value.length() + 16 < DeviceConfigCodec.MAX_CHARS; i++) {
            yaml.append("  k").append(i).append(": \"").append(value).append("\"\n");
        }
        String text = yaml.toString();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        YamlNode root = YamlTreeReader.read(DeviceConfigCodec.FORMAT, text);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(root).isInstanceOf(YamlNode.Mapping.class);
        assertThat(allocated).as("bytes allocated reading %d characters", text.length()).isLessThan(64L * text.length());
    }

    @Test
    void refusesAScalarLongerThanTheBoundEvenAcrossLines() {
        String folded = ("z".repeat(1000) + "\n    ").repeat(YamlTreeReader.MAX_SCALAR_CHARS / 1000 + 1);
        String yaml = "nvidia:\n  resourceCountName: " + folded + "\n";
        assertThatThrownBy(() -> DeviceConfigCodec.INSTANCE.decode(yaml))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("nvidia.resourceCountName (line 2, column 22): scalar longer than "
                        + YamlTreeReader.MAX_SCALAR_CHARS + " characters");
    }
}
