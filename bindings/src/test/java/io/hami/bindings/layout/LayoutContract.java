package io.hami.bindings.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.GroupLayout;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layout proof of one vendor header, written once: every Java layout against what gcc made of the header
 * (through the header's probe), every probed struct bound, layouts named after their typedefs, every repeated
 * constant equal, and every struct the size the project's vendor notes measured. A vendor's test gives the
 * data.
 */
public abstract class LayoutContract {

    /** The probe of the header, e.g. {@code ProbeOutput.load("cndev")}. */
    protected abstract ProbeOutput probe();

    /** C typedef to Java layout, for every struct the binding lays out. */
    protected abstract Map<String, GroupLayout> layouts();

    /** C constant to the value the Java side repeats. */
    protected abstract Map<String, Long> constants();

    /** C typedef to the size (bytes, gcc LP64) the vendor notes measured. */
    protected abstract Map<String, Long> measuredSizes();

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
