package io.hami.bindings.mxsml;

/**
 * A MetaX GPU's VRAM from {@code mxSmlGetMemoryInfo}, in KB as MXSML reports it.
 *
 * @param totalKb installed
 * @param usedKb  in use
 */
public record MxsmlMemory(long totalKb, long usedKb) {
}
