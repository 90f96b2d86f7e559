/**
 * FFM bindings to the vendor management libraries and the HAMi-core shared region, on the JDK alone.
 * The daemons reach the vendors through {@code discovery}, and NVML and the region directly; the other
 * vendors' facades are exported only to the test fixtures, whose contract tests run them against the C mocks (and
 * DCMI's to the device plugin, which subscribes to Ascend's fault events, Hygon's, whose hydmi tells the plugin a
 * card's compute units for its vDCUs, and CNDEV's, through which it makes Cambricon's sMLU instances).
 * {@code ffm} is exported because the NVML API's exceptions and status enum extend its types.
 */
@SuppressWarnings("module") // io.hami.testfixtures is built after this module
module io.hami.bindings {
    exports io.hami.bindings;
    exports io.hami.bindings.discovery;
    exports io.hami.bindings.ffm;
    exports io.hami.bindings.nvml;
    exports io.hami.bindings.region;

    exports io.hami.bindings.cndev to io.hami.testfixtures, io.hami.deviceplugin;
    exports io.hami.bindings.cnrt to io.hami.testfixtures;
    exports io.hami.bindings.dcmi to io.hami.testfixtures, io.hami.deviceplugin;
    exports io.hami.bindings.hygon to io.hami.testfixtures, io.hami.deviceplugin;
    exports io.hami.bindings.ixml to io.hami.testfixtures;
    exports io.hami.bindings.mtml to io.hami.testfixtures;
    exports io.hami.bindings.mxsml to io.hami.testfixtures;
}
