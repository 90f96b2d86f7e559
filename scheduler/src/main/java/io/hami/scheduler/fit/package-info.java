/**
 * Fitting pods onto nodes (docs/scheduler.md, "Fitting and reasons"): the per-device checks in HAMi's order
 * ({@code TypeFitter}), the vendor differences ({@code VendorFit}), and the per-node pass over init and app containers
 * ({@link io.hami.scheduler.fit.NodeFitter}), with HAMi's failure reasons ({@link io.hami.scheduler.fit.FitReason},
 * {@link io.hami.scheduler.fit.Reasons}). A GPU policy's order of a node's devices ({@code DeviceOrder}) is part of
 * the fit: only {@code FitScope} sorts with it.
 */
package io.hami.scheduler.fit;
