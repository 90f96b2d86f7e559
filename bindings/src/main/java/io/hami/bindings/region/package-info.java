/**
 * The HAMi-core shared region: the file libvgpu maps inside every GPU container, read by the node monitor.
 *
 * <p>One descriptor per layout ({@link io.hami.bindings.region.RegionV0Descriptor},
 * {@link io.hami.bindings.region.RegionV11Descriptor}, {@link io.hami.bindings.region.RegionV12Descriptor})
 * holds its {@code StructLayout}s, proven against our C header at build time;
 * {@link io.hami.bindings.region.RegionDetection} decides a file's layout;
 * {@link io.hami.bindings.region.RegionReader} copies a file into an immutable
 * {@link io.hami.bindings.region.RegionSnapshot}; {@link io.hami.bindings.region.RegionWriter} writes the
 * two switches the monitor owns.
 *
 * <p>The container owns the file, so everything in it is hostile input: counts are clamped, strings bounded,
 * priorities accepted only in 0..99, sums saturated, and the file is accessed with positional reads and
 * writes only, so that truncating it can never crash the JVM (see {@link io.hami.bindings.region.RegionReader}).
 */
package io.hami.bindings.region;
