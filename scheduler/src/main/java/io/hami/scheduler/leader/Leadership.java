package io.hami.scheduler.leader;

/** Whether this scheduler is the leader: only the leader stamps handshakes and labels the scheduler pods. */
@FunctionalInterface
public interface Leadership {

    /** Without leader election: always the leader. */
    Leadership ALWAYS = () -> true;

    boolean isLeader();
}
