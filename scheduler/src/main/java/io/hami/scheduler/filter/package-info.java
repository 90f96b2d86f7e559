/**
 * The filter decision: {@link io.hami.scheduler.filter.Filter#decide} from a pod, candidate nodes and a frozen
 * cluster snapshot to a {@link io.hami.scheduler.filter.FilterResult} that holds exactly what the extender answers and
 * patches.
 */
package io.hami.scheduler.filter;
