package io.hami.bindings.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Opens a vendor library chosen at run time, for the life of the process (vendor libraries keep global state
 * and are never unloaded), and checks that it is the library asked for by one of its marker symbols.
 */
public final class LibraryLookup {

    /** The bindings opened so far, by binding class and library: each library is bound once per process. */
    private static final ConcurrentMap<List<Object>, Object> OPEN = new ConcurrentHashMap<>();

    private LibraryLookup() {
    }

    /**
     * The binding of {@code kind} over {@code library}, made by {@code open} on first use and shared afterwards
     * (a failure is not remembered: the next call tries again).
     */
    public static <T> T shared(Class<T> kind, String library, Function<String, T> open) {
        return kind.cast(OPEN.computeIfAbsent(List.of(kind, library), k -> open.apply(library)));
    }

    /**
     * The symbols of {@code library} (a file name the dynamic linker searches for, or a path).
     *
     * @param what    the library in messages, with its article: {@code a CNDEV library}
     * @param markers symbols of which the library must export at least one
     * @throws NativeLibraryException naming the library when it cannot be opened or exports no marker
     */
    public static SymbolLookup open(String library, String what, String... markers) {
        return open(library, what, NativeLibraryException::of, markers);
    }

    /** {@link #open(String, String, String...)} with the caller's exception type for failures. */
    @SuppressWarnings("restricted") // loading the library is this method's purpose
    public static <E extends RuntimeException> SymbolLookup open(String library, String what, Failure<E> failure,
                                                                 String... markers) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            var problem = library.contains("/") && Files.exists(Path.of(library))
                    ? "not a shared library this machine can load"
                    : "cannot open shared object file";
            throw failure.of(library, problem, e);
        }
        if (Arrays.stream(markers).noneMatch(m -> lookup.find(m).isPresent())) {
            var names = markers.length == 1 ? markers[0] : String.join(" nor ", markers);
            throw failure.of(library, "not " + what + " (it exports " + (markers.length == 1 ? "no " : "neither ")
                    + names + ")", null);
        }
        return lookup;
    }

    /** Makes the exception for a library that cannot be used. */
    @FunctionalInterface
    public interface Failure<E extends RuntimeException> {
        E of(String library, String problem, Throwable cause);
    }
}
