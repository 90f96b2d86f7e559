/**
 * Frozen views of the cluster for the filter: per-node {@link io.hami.scheduler.snapshot.NodeSnapshot}s with their
 * usage precomputed, gathered in a {@link io.hami.scheduler.snapshot.ClusterSnapshot} that a
 * {@link io.hami.scheduler.snapshot.SnapshotBuilder} maintains incrementally. No annotation is parsed during a filter
 * call.
 */
package io.hami.scheduler.snapshot;
