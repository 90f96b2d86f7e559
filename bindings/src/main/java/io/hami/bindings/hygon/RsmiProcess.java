package io.hami.bindings.hygon;

/**
 * One entry of rocm_smi's node-wide process list ({@code rsmi_process_info_t}, Hygon's fork).
 *
 * @param pid         the process id
 * @param pasid       its process address-space id
 * @param vramBytes   device memory it holds
 * @param sdmaMicros  SDMA time, in microseconds
 * @param cuOccupancy percent of compute units it occupies
 */
public record RsmiProcess(long pid, long pasid, long vramBytes, long sdmaMicros, int cuOccupancy) {
}
