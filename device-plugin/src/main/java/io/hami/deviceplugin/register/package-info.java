/**
 * The node registration loop: the vendor's register annotation (and the optional topology score annotation)
 * built with the model's codecs and merge-patched only when it changed.
 */
package io.hami.deviceplugin.register;
