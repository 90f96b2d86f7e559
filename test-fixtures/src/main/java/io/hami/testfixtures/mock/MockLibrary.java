package io.hami.testfixtures.mock;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One C mock library of these fixtures and its control functions ({@code <prefix>UseProfile},
 * {@code <prefix>LastError}, {@code <prefix>InitCount}, from the shared {@code mock_runtime.h}). A JVM cannot
 * set its own environment, so tests choose the machine in-process; the mock reads it at the next init that
 * finds the library uninitialized. The mock's state is per loaded library and per process: tests must close
 * every session they open, or the next profile change fails with {@link #IN_USE}.
 */
public final class MockLibrary {

    /** What the control functions answer: the profile was taken. */
    public static final int OK = 0;
    /** The profile text does not load; {@link #lastError()} says why. */
    public static final int INVALID = 2;
    /** The library is initialized: the profile cannot change now. */
    public static final int IN_USE = 19;

    private final Path path;
    private final String profiles;
    private final SymbolLookup lookup;
    private final MethodHandle useProfile;
    private final MethodHandle lastError;
    private final MethodHandle initCount;

    /**
     * @param path     the library file
     * @param prefix   its control functions' prefix, e.g. {@code hamiMockCndev}
     * @param profiles the class-path directory of its profiles, e.g. {@code cndev-profiles}
     */
    @SuppressWarnings("restricted") // binding the mock's control functions is this class's purpose
    public MockLibrary(Path path, String prefix, String profiles) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no mock library at " + path + ": build test-fixtures first");
        }
        this.path = path;
        this.profiles = profiles;
        this.lookup = SymbolLookup.libraryLookup(path, Arena.global());
        this.useProfile = control(prefix + "UseProfile", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.lastError = control(prefix + "LastError", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        this.initCount = control(prefix + "InitCount", FunctionDescriptor.of(JAVA_INT));
    }

    /** The directory the test-fixtures build writes its C fixtures to (system property {@code hami.native.dir}). */
    public static Path nativeDir() {
        var dir = System.getProperty("hami.native.dir");
        if (dir == null) {
            throw new IllegalStateException("system property hami.native.dir is not set (surefire sets it to test-fixtures/target/native)");
        }
        return Path.of(dir);
    }

    /** The library's path, to pass to a binding's {@code open} or to {@code --library}. */
    public String library() {
        return path.toString();
    }

    /** A control function of this mock beyond the three every mock has. */
    @SuppressWarnings("restricted")
    public MethodHandle control(String symbol, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(lookup.findOrThrow(symbol), descriptor);
    }

    /** Uses the fixtures' profile {@code name} of this mock from the next init on. */
    public MockLibrary useProfile(String name) {
        return useProfileText(MockProfile.load(profiles, name).text());
    }

    /**
     * Uses this profile text from the next init on.
     *
     * @throws IllegalStateException naming the mock's error when the text does not load or the library is initialized
     */
    public MockLibrary useProfileText(String json) {
        int rc = tryUseProfileText(json);
        if (rc != OK) {
            throw new IllegalStateException((rc == IN_USE ? "IN_USE" : "INVALID") + ": " + lastError());
        }
        return this;
    }

    /** Like {@link #useProfileText} but returns the control status ({@link #OK}, {@link #INVALID}, {@link #IN_USE}). */
    public int tryUseProfileText(String json) {
        try (var arena = Arena.ofConfined()) {
            MemorySegment text = json == null ? MemorySegment.NULL : arena.allocateFrom(json);
            return (int) useProfile.invokeExact(text);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The mock's last profile error, e.g. {@code cndev-mock: profile set in-process: line 1, column 2: ...}. */
    public String lastError() {
        try (var arena = Arena.ofConfined()) {
            var buf = arena.allocate(512);
            int rc = (int) lastError.invokeExact(buf, 512);
            return rc == OK ? buf.getString(0) : "";
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Successful inits not yet shut down. */
    public int initCount() {
        try {
            return (int) initCount.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Unchecked as it is; anything else wrapped. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    @Override
    public String toString() {
        return "MockLibrary[" + path + "]";
    }
}
