package io.hami.bindings.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.HashSet;
import java.util.Set;

/**
 * Binds the C functions of one library to downcall handles. A symbol the library does not export is bound to
 * a stand-in, so a missing function is a status at the call, never a failure when the binding is built: a
 * function returning a status returns the library's "function not found" code, one returning a pointer returns
 * {@code NULL}. Callers of functions whose return value is not a status (a count, a string) ask
 * {@link #exports(String)} first.
 *
 * <p>The constants name the C shapes most bindings share, all returning an {@code int} status; {@link #status}
 * builds the others.
 */
public final class Downcalls {

    /** {@code int f(void)}. */
    public static final FunctionDescriptor VOID = status();
    /** {@code int f(T *out)} and {@code f(handle)}. */
    public static final FunctionDescriptor PTR = status(ADDRESS);
    /** {@code int f(char *buf, unsigned int length)}. */
    public static final FunctionDescriptor BUF = status(ADDRESS, JAVA_INT);
    /** {@code int f(unsigned int index, T *out)}. */
    public static final FunctionDescriptor INDEX_PTR = status(JAVA_INT, ADDRESS);
    /** {@code int f(handle, T *out)}. */
    public static final FunctionDescriptor PTR_PTR = status(ADDRESS, ADDRESS);
    /** {@code int f(handle, char *buf, unsigned int length)} and {@code f(handle, T *out, unsigned int x)}. */
    public static final FunctionDescriptor PTR_PTR_INT = status(ADDRESS, ADDRESS, JAVA_INT);
    /** {@code int f(handle, T *a, U *b)}. */
    public static final FunctionDescriptor PTR_PTR_PTR = status(ADDRESS, ADDRESS, ADDRESS);
    /** {@code int f(handle, unsigned int x, T *out)}. */
    public static final FunctionDescriptor PTR_INT_PTR = status(ADDRESS, JAVA_INT, ADDRESS);
    /**
     * {@code int f(handle, T *out)} with both pointers passed as their addresses ({@code long}), for the hot calls:
     * a downcall whose handle is not a constant is not inlined, so every {@link java.lang.foreign.MemorySegment}
     * argument escapes and is allocated (two objects a call); an address does not. On the 64-bit ABIs we run on
     * (x86-64 System V, AArch64) a pointer and a 64-bit integer argument are passed alike, in a general register.
     */
    public static final FunctionDescriptor ADDR_ADDR = status(JAVA_LONG, JAVA_LONG);
    /** {@code int f(handle, unsigned long long x, handle)}. */
    public static final FunctionDescriptor PTR_LONG_PTR = status(ADDRESS, JAVA_LONG, ADDRESS);

    /**
     * What a stand-in answers in libraries whose own statuses have no "function not found": the value
     * Huawei's mind-cluster wrapper of DCMI uses for a missing symbol, kept for every such library so that the
     * code means one thing across vendors.
     */
    public static final int SYMBOL_MISSING = -99998;

    private final SymbolLookup lookup;
    private final int missingCode;
    private final Linker linker = Linker.nativeLinker();
    private final Set<String> missing = new HashSet<>();

    /**
     * @param lookup      the library's symbols
     * @param missingCode what a stand-in for a missing status-returning function answers
     */
    public Downcalls(SymbolLookup lookup, int missingCode) {
        this.lookup = lookup;
        this.missingCode = missingCode;
    }

    /** {@code int f(args)}: the descriptor of a function returning a 4-byte status. */
    public static FunctionDescriptor status(MemoryLayout... args) {
        return FunctionDescriptor.of(JAVA_INT, args);
    }

    /** The handle of {@code symbol}, or a stand-in when the library lacks it. */
    @SuppressWarnings("restricted") // binding native functions is this class's purpose
    public MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        var address = lookup.find(symbol);
        if (address.isPresent()) {
            return linker.downcallHandle(address.get(), descriptor);
        }
        missing.add(symbol);
        var type = descriptor.toMethodType();
        Object answer = type.returnType() == int.class ? missingCode
                : type.returnType() == MemorySegment.class ? MemorySegment.NULL
                : type.returnType() == long.class ? 0L : null;
        var constant = type.returnType() == void.class
                ? MethodHandles.empty(type.dropParameterTypes(0, type.parameterCount()))
                : MethodHandles.constant(type.returnType(), answer);
        return MethodHandles.dropArguments(constant, 0, type.parameterList());
    }

    /** Whether the library exports {@code symbol}; only meaningful for symbols already bound. */
    public boolean exports(String symbol) {
        return !missing.contains(symbol);
    }

    /** The symbols {@link #bind} did not find, once binding is done. */
    public Set<String> missing() {
        return Set.copyOf(missing);
    }

    /** Rethrows what a downcall threw: unchecked as it is, anything else wrapped. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("native downcall failed", t);
    }
}
