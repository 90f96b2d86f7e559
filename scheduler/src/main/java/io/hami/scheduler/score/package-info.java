/**
 * Scores in HAMi's float32 arithmetic: the per-device utilisation score that orders devices for a container, and the
 * per-node default score that orders nodes ({@link io.hami.scheduler.score.UsageScore}), plus the topology choices
 * of multi-device sets ({@link io.hami.scheduler.score.TopologyChoice}).
 */
package io.hami.scheduler.score;
