/**
 * The node daemons' own mapping of the API objects they read: a pod and a node with only the fields the device
 * plugin and the monitor use, read through fabric8's client in place of its full model (docs/performance.md, "device
 * plugin idle RSS"). Used only where fabric8's client is on the class path.
 */
package io.hami.model.kube;
