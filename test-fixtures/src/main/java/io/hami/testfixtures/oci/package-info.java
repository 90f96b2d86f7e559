/** OCI bundles for tests of the runtime shim and hook: configs, busybox root file systems, device nodes. */
package io.hami.testfixtures.oci;
