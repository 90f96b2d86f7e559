package io.hami.bindings.mxsml;

/**
 * The two published forms of {@code mxSmlGetDeviceCount}. MetaX's ctypes binding, its Go wrapper and most
 * others call {@link #RETURNS_COUNT}; one port declares {@link #STATUS_AND_OUT}. Which one a library has is
 * not checked on hardware yet, so {@link FfmMxsml} decides by probing.
 */
public enum DeviceCountForm {
    /** {@code unsigned int mxSmlGetDeviceCount(void)}: the count is the return value. */
    RETURNS_COUNT,
    /** {@code mxSmlReturn_t mxSmlGetDeviceCount(unsigned int *count)}. */
    STATUS_AND_OUT
}
