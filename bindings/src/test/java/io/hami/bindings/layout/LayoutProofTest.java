package io.hami.bindings.layout;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;

/** The proof itself, on a struct of the probe's own: it passes on the right layout and names every mistake. */
class LayoutProofTest {
    private static final ProbeOutput PROBE = ProbeOutput.load("selftest");

    private static StructLayout layout(long wideAt, long nameLength, String tailName) {
        return MemoryLayout.structLayout(
                JAVA_INT.withName("small"),
                MemoryLayout.paddingLayout(wideAt - 4),
                JAVA_LONG.withName("wide"),
                MemoryLayout.sequenceLayout(nameLength, JAVA_BYTE).withName("name"),
                MemoryLayout.paddingLayout(20 - 16 - nameLength),
                JAVA_SHORT.withName(tailName),
                MemoryLayout.paddingLayout(2)).withName("selftest");
    }

    @Test
    void acceptsTheLayoutGccChose() {
        LayoutProof.assertMatches(PROBE, "hami_probe_selftest_t", layout(8, 3, "tail"));
    }

    @Test
    void namesAMemberAtTheWrongOffsetAndOfTheWrongSize() {
        var wrong = MemoryLayout.structLayout(
                JAVA_INT.withName("small"),
                JAVA_LONG.withByteAlignment(4).withName("wide"),
                MemoryLayout.sequenceLayout(4, JAVA_BYTE).withName("name"),
                JAVA_SHORT.withName("tail"),
                MemoryLayout.paddingLayout(6));
        assertThat(LayoutProof.differences(PROBE.struct("hami_probe_selftest_t"), wrong)).contains(
                "hami_probe_selftest_t vs <unnamed layout>: wide is at offset 8 in C but 4 in Java",
                "hami_probe_selftest_t vs <unnamed layout>: name has size 3 in C but 4 in Java",
                "hami_probe_selftest_t vs <unnamed layout>: alignment is 8 in C but 4 in Java");
    }

    @Test
    void namesMissingAndUnknownMembers() {
        assertThatThrownBy(() -> LayoutProof.assertMatches(PROBE, "hami_probe_selftest_t", layout(8, 3, "trailer")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Java member trailer is not probed in C")
                .hasMessageContaining("C member tail is missing from the Java layout");
    }

    @Test
    void namesAWrongTotalSize() {
        var shorter = MemoryLayout.structLayout(layout(8, 3, "tail").memberLayouts().subList(0, 6).toArray(MemoryLayout[]::new));
        assertThat(LayoutProof.differences(PROBE.struct("hami_probe_selftest_t"), shorter))
                .containsExactly("hami_probe_selftest_t vs <unnamed layout>: sizeof is 24 in C but 22 in Java");
    }

    @Test
    void rejectsAStructTheProbeDoesNotPrint() {
        assertThatThrownBy(() -> PROBE.struct("nvmlMemory_t")).hasMessageContaining("prints no struct nvmlMemory_t");
    }
}
