/**
 * Discovery of the node's HAMi-core regions: the per-container directories under {@code <hook path>/containers},
 * their open {@link io.hami.monitor.regions.ContainerRegion}s, re-validation of replaced or truncated files,
 * and removal of the directories of pods that are gone.
 */
package io.hami.monitor.regions;
