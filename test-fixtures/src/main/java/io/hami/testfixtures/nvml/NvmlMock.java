package io.hami.testfixtures.nvml;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.testfixtures.mock.MockLibrary;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The C mock {@code libnvidia-ml.so.1} of these fixtures, built into {@code <hami.native.dir>}, and its
 * control functions ({@code nvml_mock_control.h}; the three every mock has come through {@link MockLibrary}). A JVM cannot set its own environment, so tests choose the
 * machine in-process with {@link #useProfile(String)} instead of {@code NVML_MOCK_PROFILE}; the mock reads it at
 * the next init that finds NVML uninitialized.
 *
 * <p>The mock's state is per loaded library and per process: tests that use it must close every session they
 * open, or the next profile change fails with {@code IN_USE}.
 */
public final class NvmlMock {

    private final MockLibrary mock;
    private final MethodHandle hamiMockNvmlInjectXid;
    private final MethodHandle hamiMockNvmlInjectMigXid;
    private final MethodHandle hamiMockNvmlLiveEventSets;

    private NvmlMock(MockLibrary mock) {
        this.mock = mock;
        hamiMockNvmlInjectXid = mock.control("hamiMockNvmlInjectXid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
        hamiMockNvmlInjectMigXid = mock.control("hamiMockNvmlInjectMigXid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT));
        hamiMockNvmlLiveEventSets = mock.control("hamiMockNvmlLiveEventSets", FunctionDescriptor.of(JAVA_INT));
    }

    /** The directory the test-fixtures build writes its C fixtures to (system property {@code hami.native.dir}). */
    public static Path nativeDir() {
        return MockLibrary.nativeDir();
    }

    /** The mock with every plain and versioned symbol, like a current driver. */
    public static NvmlMock current() {
        return Holder.CURRENT;
    }

    /** The mock of an older driver: no {@code _v2}/{@code _v3} symbols. */
    public static NvmlMock withoutVersionedSymbols() {
        return Holder.NO_V2;
    }

    /** A shared library named {@code libnvidia-ml.so.1} that is not NVML. */
    public static Path notNvmlLibrary() {
        return nativeDir().resolve("not-nvml/libnvidia-ml.so.1");
    }

    /** The path to pass to {@link FfmNvml#open(String)} or {@code --library}. */
    public String library() {
        return mock.library();
    }

    /** Our FFM binding of this mock. */
    public FfmNvml api() {
        return FfmNvml.open(library());
    }

    /** Uses the fixtures' profile {@code name} from the next init on. */
    public NvmlMock useProfile(String name) {
        return useProfileText(NvmlProfile.load(name).text());
    }

    /**
     * Uses this profile text from the next init on.
     *
     * @throws IllegalStateException naming the mock's error when the text does not load or NVML is initialized
     */
    public NvmlMock useProfileText(String json) {
        int rc = tryUseProfileText(json);
        if (rc != 0) {
            throw new IllegalStateException(NvmlReturn.fromCode(rc) + ": " + lastError());
        }
        return this;
    }

    /** Like {@link #useProfileText} but returns the mock's status (0, INVALID_ARGUMENT, IN_USE). */
    public int tryUseProfileText(String json) {
        return mock.tryUseProfileText(json);
    }

    /** The mock's last profile error, e.g. {@code nvml-mock: profile set in-process: line 1, column 2: ...}. */
    public String lastError() {
        return mock.lastError();
    }

    /** Successful inits not yet shut down. */
    public int initCount() {
        return mock.initCount();
    }

    /** Queues an XID event for the device; the mock's status. */
    public int injectXid(int index, long xid) {
        try {
            return (int) hamiMockNvmlInjectXid.invokeExact(index, xid);
        } catch (Throwable t) {
            throw MockLibrary.rethrow(t);
        }
    }

    /** Queues an XID event on a MIG device of the GPU: the event carries the instance ids; the mock's status. */
    public int injectMigXid(int index, long xid, int gpuInstanceId, int computeInstanceId) {
        try {
            return (int) hamiMockNvmlInjectMigXid.invokeExact(index, xid, gpuInstanceId, computeInstanceId);
        } catch (Throwable t) {
            throw MockLibrary.rethrow(t);
        }
    }

    /** Event sets created and not yet freed. */
    public int liveEventSets() {
        try {
            return (int) hamiMockNvmlLiveEventSets.invokeExact();
        } catch (Throwable t) {
            throw MockLibrary.rethrow(t);
        }
    }

    private static final class Holder {
        static final NvmlMock CURRENT = new NvmlMock(VendorMock.NVIDIA.library());
        static final NvmlMock NO_V2 = new NvmlMock(VendorMock.NVIDIA.variant("nvml-nov2"));
    }
}
