package io.hami.bindings.nvml;

/**
 * The CUDA compute capability of a device, e.g. 8.0 for an A100 or 9.0 for an H100.
 *
 * @param major major version
 * @param minor minor version
 */
public record ComputeCapability(int major, int minor) {
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
