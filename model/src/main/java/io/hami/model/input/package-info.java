/**
 * Input the process does not control, read with bounds: {@link io.hami.model.input.UntrustedFiles} for every
 * file a daemon or the {@code hami} command reads (configuration files, kubeconfigs, OCI bundles, records, the
 * command's input files) and {@link io.hami.model.input.StrictUtf8} for the text in them and on standard input.
 * Each refusal is one {@link io.hami.model.input.UntrustedInputException} naming the source and the problem.
 */
package io.hami.model.input;
