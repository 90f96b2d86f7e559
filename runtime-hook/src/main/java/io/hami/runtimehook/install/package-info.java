/**
 * The runtime installer: the self-contained runtime copied to a host prefix (atomically, one directory per
 * version behind a link), a runtime handler added to containerd's {@code config.toml} (schema 2 or 3) as a
 * verified textual edit, and the record that lets the uninstall undo exactly that.
 */
package io.hami.runtimehook.install;
