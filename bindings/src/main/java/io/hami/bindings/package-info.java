/**
 * Panama FFM bindings to the vendor management libraries (NVML, CNDEV, DCMI, Hygon SMI, IXML, MXSML,
 * MTML) and to the HAMi-core shared region. This module depends on the JDK alone; every
 * {@code MemorySegment} of the project stays inside it, and callers get records.
 */
package io.hami.bindings;
