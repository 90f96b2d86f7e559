/**
 * The filter decision: {@link io.hami.scheduler.filter.Filter#decide} from a pod, candidate nodes and a frozen
 * cluster snapshot to a {@link io.hami.scheduler.filter.FilterResult} that holds exactly what the extender answers and
 * patches. A node policy's ranking of the candidates ({@code NodeOrder}) is part of the decision.
 */
package io.hami.scheduler.filter;
