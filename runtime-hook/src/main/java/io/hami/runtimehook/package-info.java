/**
 * The OCI runtime shim and hook: inject device nodes, mounts and limit variables into containers,
 * and write CDI specifications.
 */
package io.hami.runtimehook;
