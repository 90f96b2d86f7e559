/**
 * The writes the scheduler makes to the API server, as small ports with fabric8 implementations: pod metadata merge
 * patches, Bindings, handshake stamps and role labels ({@link io.hami.scheduler.apiserver.ClusterWrites}), and the
 * classification of API failures ({@link io.hami.scheduler.apiserver.ApiException}). Every patch is built from a typed
 * fabric8 object; none is formatted by hand.
 */
package io.hami.scheduler.apiserver;
