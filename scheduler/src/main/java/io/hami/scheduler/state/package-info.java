/**
 * The cluster state behind the extender: informers ({@link io.hami.scheduler.state.InformerFeed}), one state thread
 * that owns the core's snapshot builder and publishes immutable snapshots ({@link io.hami.scheduler.state.ClusterState}),
 * node health from handshakes and allocatable counts, and the ledger of filter decisions the informer has not seen
 * yet.
 */
package io.hami.scheduler.state;
