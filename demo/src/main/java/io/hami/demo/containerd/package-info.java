/**
 * A containerd of its own for tests and the demo ({@link io.hami.demo.containerd.PrivateContainerd}): the host's
 * containerd binary with its root, state, sockets and config under one directory, never the host's, started, restarted
 * and stopped by a script that the runtime installer can run as its restart command, and cleaned up completely.
 */
package io.hami.demo.containerd;
