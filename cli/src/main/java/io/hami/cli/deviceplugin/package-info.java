/** {@code hami device-plugin}: the NVIDIA device plugin's command, its configuration and its API client. */
package io.hami.cli.deviceplugin;
