package io.hami.bindings.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missing symbol is a status at the call; a library that cannot be used is named with why. */
class DowncallsTest {

    private static final SymbolLookup NOTHING = name -> Optional.empty();

    @Test
    void aMissingStatusFunctionAnswersTheLibrarysMissingCode() throws Throwable {
        var d = new Downcalls(NOTHING, Downcalls.SYMBOL_MISSING);
        var h = d.bind("dcmi_init", Downcalls.VOID);
        assertThat((int) h.invokeExact()).isEqualTo(-99998);
        var withArgs = d.bind("cndevGetUUID", Downcalls.status(ADDRESS, JAVA_INT));
        assertThat((int) withArgs.invokeExact(MemorySegment.NULL, 7)).isEqualTo(-99998);
        assertThat(d.exports("dcmi_init")).isFalse();
        assertThat(d.missing()).containsExactlyInAnyOrder("dcmi_init", "cndevGetUUID");
    }

    @Test
    void aMissingPointerFunctionAnswersNull() throws Throwable {
        var h = new Downcalls(NOTHING, 13).bind("cndevGetCardNameStringByDevId", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        assertThat((MemorySegment) h.invokeExact(3)).isEqualTo(MemorySegment.NULL);
    }

    @Test
    void aLibraryThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> LibraryLookup.open("/nonexistent/libcndev.so", "a CNDEV library", "cndevInit"))
                .isInstanceOf(NativeLibraryException.class).hasMessage("/nonexistent/libcndev.so: cannot open shared object file");
        assertThatThrownBy(() -> LibraryLookup.open("libhami-no-such-library.so.7", "a CNDEV library", "cndevInit"))
                .hasMessage("libhami-no-such-library.so.7: cannot open shared object file");
    }

    @Test
    void aFileThatIsNotALibraryIsNamed(@TempDir Path dir) throws Exception {
        var notALibrary = Files.createDirectory(dir.resolve("libmtml.so"));
        assertThatThrownBy(() -> LibraryLookup.open(notALibrary.toString(), "an MTML library", "mtmlLibraryInit"))
                .hasMessage(notALibrary + ": not a shared library this machine can load");
    }

    @Test
    void aLibraryWithoutTheMarkersIsNotTheLibraryAskedFor() {
        assertThatThrownBy(() -> LibraryLookup.open("libc.so.6", "a DCMI library", "dcmi_init"))
                .hasMessage("libc.so.6: not a DCMI library (it exports no dcmi_init)");
        assertThatThrownBy(() -> LibraryLookup.open("libc.so.6", "an IXML library", "ixmlDeviceGetHealth", "ixmlDeviceGetBoardPosition"))
                .hasMessage("libc.so.6: not an IXML library (it exports neither ixmlDeviceGetHealth nor ixmlDeviceGetBoardPosition)");
    }

    @Test
    void aSharedBindingIsMadeOnceAndAFailureIsNotRemembered() {
        int[] made = {0};
        assertThat(LibraryLookup.shared(StringBuilder.class, "x", l -> {
            made[0]++;
            return new StringBuilder(l);
        })).isSameAs(LibraryLookup.shared(StringBuilder.class, "x", l -> new StringBuilder("other")));
        assertThat(made[0]).isEqualTo(1);
        assertThatThrownBy(() -> LibraryLookup.shared(StringBuilder.class, "y", l -> {
            throw new IllegalStateException("cannot");
        })).hasMessage("cannot");
        assertThat(LibraryLookup.shared(StringBuilder.class, "y", StringBuilder::new)).hasToString("y");
    }
}
