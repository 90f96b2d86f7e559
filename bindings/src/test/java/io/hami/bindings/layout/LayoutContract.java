package io.hami.bindings.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.GroupLayout;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layout proof of one vendor header, written once: every Java layout against what gcc made of the header (through
 * the header's probe), every probed struct bound, layouts named after their typedefs, every repeated constant equal,
 * and every struct the size gcc gave for the vendor's own header (docs/vendors.md). A vendor's test gives the data.
 */
public abstract class LayoutContract {

    private final ProbeOutput probe;
    private final Map<String, GroupLayout> layouts;
    private final Map<String, Long> constants;
    private final Map<String, Long> measuredSizes;

    /**
     * @param probe         the probe of the header, e.g. {@code cndev}
     * @param layouts       C typedef to Java layout, for every struct the binding lays out
     * @param constants     C constant to the value the Java side repeats
     * @param measuredSizes C typedef to the size (bytes, gcc LP64) measured on the vendor's own header
     */
    protected LayoutContract(String probe, Map<String, GroupLayout> layouts, Map<String, Long> constants,
                             Map<String, Long> measuredSizes) {
        this.probe = ProbeOutput.load(probe);
        this.layouts = layouts;
        this.constants = constants;
        this.measuredSizes = measuredSizes;
    }

    protected ProbeOutput probe() {
        return probe;
    }

    private Map<String, GroupLayout> layouts() {
        return layouts;
    }

    private Map<String, Long> constants() {
        return constants;
    }

    private Map<String, Long> measuredSizes() {
        return measuredSizes;
    }

    @TestFactory
    Stream<DynamicTest> everyJavaLayoutMatchesC() {
        return layouts().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> LayoutProof.assertMatches(probe(), e.getKey(), e.getValue())));
    }

    @Test
    void everyProbedStructIsBound() {
        assertThat(layouts().keySet()).containsExactlyInAnyOrderElementsOf(probe().structs().keySet());
    }

    @Test
    void layoutsAreNamedAfterATypedefTheyLayOut() {
        layouts().forEach((typedef, layout) -> assertThat(layout.name()).as(typedef).isPresent()
                .get().satisfies(name -> assertThat(layouts()).containsEntry(name, layout)));
    }

    @Test
    void constantsMatchTheHeader() {
        assertThat(constants()).isEqualTo(probe().constants());
    }

    @Test
    void sizesAreTheOnesTheVendorNotesMeasured() {
        measuredSizes().forEach((typedef, size) -> assertThat(probe().struct(typedef).size()).as(typedef).isEqualTo(size));
        assertThat(measuredSizes().keySet()).containsExactlyInAnyOrderElementsOf(probe().structs().keySet());
    }
}
