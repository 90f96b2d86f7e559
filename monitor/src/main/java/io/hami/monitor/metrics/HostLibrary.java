package io.hami.monitor.metrics;

import java.util.List;

/**
 * One vendor's library as the host metrics read it: opened once by {@link HostGpus}, read at every scrape. A
 * device's failed call is counted and costs that device's number; a library that cannot list at all throws, and
 * {@link HostGpus} counts that once for the scrape. Not thread-safe: {@link HostGpus} lets one scrape in at a time.
 */
interface HostLibrary extends AutoCloseable {

    /**
     * The devices now.
     *
     * @throws io.hami.bindings.ffm.NativeCallException        when the library's init or device count fails
     * @throws io.hami.bindings.discovery.DiscoveryException when the library cannot list its devices
     */
    List<HostGpuSample> read(CollectErrors errors);

    /** The API that serves the numbers, which names the library's errors ({@code NVML}, {@code CNDEV}, {@code CNRT}, …). */
    String api();

    /** Releases what the library holds between scrapes; the next {@link #read} starts again. Idempotent. */
    @Override
    void close();
}
