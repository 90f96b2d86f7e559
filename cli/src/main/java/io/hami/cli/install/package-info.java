/**
 * {@code hami install runtime} and {@code hami uninstall runtime}: the runtime installer on the command line, and
 * the RuntimeClass through the API.
 */
package io.hami.cli.install;
