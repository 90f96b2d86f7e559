package io.hami.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.testfixtures.mock.VendorMock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versions {@code hami doctor} reports beside each library it opened, for the libraries other than NVML whose
 * bindings read versions (Cambricon's CNDEV and CNRT, against their C mocks), and none for a library whose binding
 * reads none.
 */
class DoctorVersionsTest {

    @TempDir
    Path root;

    private DoctorNodeTest.Run doctor(VendorMock mock) {
        var library = mock.library().useProfile(VendorMock.MACHINE).library();
        return DoctorNodeTest.run(Map.of(), Clock.systemUTC(), List.of("--host-root", root.toString(), "--vendor",
                mock.vendor().id(), "--library", library));
    }

    @Test
    void cndevReportsTheDriversVersion() {
        var run = doctor(VendorMock.CAMBRICON);
        assertThat(run.out()).contains("CNDEV: " + VendorMock.CAMBRICON.library().library() + ", driver 5.10.22\n");
    }

    @Test
    void cnrtReportsTheDriversVersionAndItsOwn() {
        var run = doctor(VendorMock.CAMBRICON_CNRT);
        assertThat(run.out()).contains("CNRT: " + VendorMock.CAMBRICON_CNRT.library().library()
                + ", driver 6.2.10, library 6.14.1\n");
    }

    @Test
    void aLibraryWhoseBindingReadsNoVersionIsNamedAlone() {
        var run = doctor(VendorMock.ASCEND);
        assertThat(run.out()).contains("DCMI: " + VendorMock.ASCEND.library().library() + "\n");
    }
}
