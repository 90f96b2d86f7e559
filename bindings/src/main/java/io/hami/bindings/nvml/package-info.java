/**
 * NVML (NVIDIA's management library) through Panama FFM: {@link io.hami.bindings.nvml.NvmlApi} returns each
 * call's status and records, {@link io.hami.bindings.nvml.FfmNvml} implements it over a
 * {@code libnvidia-ml.so.1} chosen at run time, and {@link io.hami.bindings.nvml.Nvml} is the facade with
 * reference-counted init, optionals for what a device lacks and typed exceptions for failures.
 *
 * <p>Every struct layout is proven against gcc's by the C probe of {@code native-headers}; every call is
 * exercised against the C mock of {@code test-fixtures}.
 */
package io.hami.bindings.nvml;
