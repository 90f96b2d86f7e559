/**
 * Hygon's two DCU libraries through Panama FFM: {@code librocm_smi64.so.2}, Hygon's fork of ROCm-SMI 2.8, for
 * discovery ({@link io.hami.bindings.hygon.RocmSmiApi}, {@link io.hami.bindings.hygon.FfmRocmSmi}), and
 * {@code libhydmi.so.1} for vDCUs ({@link io.hami.bindings.hygon.HydmiApi},
 * {@link io.hami.bindings.hygon.FfmHydmi}), whose symbols carry the ELF version {@code DMI_1}.
 * {@link io.hami.bindings.hygon.HygonSmi} is the facade over both and the vendor's
 * {@link io.hami.bindings.discovery.DeviceDiscovery}; hydmi is opened beside rocm_smi on first use, and its
 * absence costs only the vDCU calls.
 *
 * <p>What is particular: devices are indices; memory is in bytes; the PCI address comes packed in a 64-bit
 * id; the fork's structs differ from upstream ROCm-SMI's, so never point this binding at
 * {@code librocm_smi64.so.5} or later.
 */
package io.hami.bindings.hygon;
