/**
 * Iluvatar CoreX's IXML ({@code libixml.so}) through Panama FFM. IXML is an NVML subset: it exports NVML's names
 * with NVML's structs and return codes, so its NVML-named calls go through the NVML binding itself
 * ({@link io.hami.bindings.nvml.FfmNvml} opened on {@code libixml.so}; what IXML lacks answers
 * {@code FUNCTION_NOT_FOUND}), and only its four own calls are bound here ({@link io.hami.bindings.ixml.IxmlApi},
 * {@link io.hami.bindings.ixml.FfmIxml}). {@link io.hami.bindings.ixml.Ixml} is the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}: NVML's, with {@code ixmlDeviceGetHealth} as the health
 * check and Iluvatar's device nodes.
 */
package io.hami.bindings.ixml;
