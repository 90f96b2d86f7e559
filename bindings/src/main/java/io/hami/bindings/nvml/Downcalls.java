package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.HashSet;
import java.util.Set;

/**
 * Binds C functions of one library to downcall handles. A symbol the library does not export is bound to a
 * stand-in that returns {@code NVML_ERROR_FUNCTION_NOT_FOUND}, so a missing function is a status at the call,
 * never a failure when the binding is built.
 */
final class Downcalls {

    /** {@code nvmlReturn_t f(void)}. */
    static final FunctionDescriptor VOID = FunctionDescriptor.of(JAVA_INT);
    /** {@code nvmlReturn_t f(T *out)} and {@code f(handle)}. */
    static final FunctionDescriptor PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    /** {@code nvmlReturn_t f(char *buf, unsigned int length)}. */
    static final FunctionDescriptor BUF = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    /** {@code nvmlReturn_t f(unsigned int index, nvmlDevice_t *out)}. */
    static final FunctionDescriptor INDEX_PTR = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS);
    /** {@code nvmlReturn_t f(handle, T *out)}. */
    static final FunctionDescriptor PTR_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    /** {@code nvmlReturn_t f(handle, char *buf, unsigned int length)} and {@code f(handle, T *out, unsigned int x)}. */
    static final FunctionDescriptor PTR_PTR_INT = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    /** {@code nvmlReturn_t f(handle, T *a, U *b)}. */
    static final FunctionDescriptor PTR_PTR_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    /** {@code nvmlReturn_t f(handle, unsigned int x, T *out)}. */
    static final FunctionDescriptor PTR_INT_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS);
    /** {@code nvmlReturn_t f(handle, unsigned long long x, handle)}. */
    static final FunctionDescriptor PTR_LONG_PTR = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);

    private final SymbolLookup lookup;
    private final Linker linker = Linker.nativeLinker();
    private final Set<String> missing = new HashSet<>();

    Downcalls(SymbolLookup lookup) {
        this.lookup = lookup;
    }

    /** The handle of {@code symbol}, or the FUNCTION_NOT_FOUND stand-in when the library lacks it. */
    @SuppressWarnings("restricted") // binding native functions is this class's purpose
    MethodHandle bind(String symbol, FunctionDescriptor descriptor) {
        var address = lookup.find(symbol);
        if (address.isPresent()) {
            return linker.downcallHandle(address.get(), descriptor);
        }
        missing.add(symbol);
        var type = descriptor.toMethodType();
        return MethodHandles.dropArguments(
                MethodHandles.constant(int.class, NvmlReturn.FUNCTION_NOT_FOUND.code()), 0, type.parameterList());
    }

    /** The symbols {@link #bind} did not find, once binding is done. */
    Set<String> missing() {
        return Set.copyOf(missing);
    }

    /** Rethrows what a downcall threw: unchecked as it is, anything else wrapped. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("NVML downcall failed", t);
    }
}
