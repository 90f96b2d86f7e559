package io.hami.deviceplugin.devices;

import java.util.HashSet;
import java.util.Set;

/**
 * Which XID errors make a GPU unhealthy. HAMi's default: every XID except those caused by applications or
 * benign to the device (13 graphics engine exception, 31 memory page fault, 43 stopped channel, 45 preemptive
 * cleanup, 68 video decoder exception, 109 context switch timeout); 999 (an XID the driver could not name)
 * counts as critical. Operators tune it with HAMi's environment variables (see {@link #fromEnvironment}).
 *
 * @param enabled whether XIDs are acted on at all
 * @param ignored the XIDs that leave a GPU healthy
 */
public record XidPolicy(boolean enabled, Set<Long> ignored) {

    /** HAMi's ignored XIDs. */
    public static final Set<Long> DEFAULT_IGNORED = Set.of(13L, 31L, 43L, 45L, 68L, 109L);

    /** HAMi's default policy. */
    public static final XidPolicy DEFAULT = new XidPolicy(true, DEFAULT_IGNORED);

    public XidPolicy {
        ignored = Set.copyOf(ignored);
    }

    /** Whether this XID makes its GPU unhealthy. */
    public boolean critical(long xid) {
        return enabled && !ignored.contains(xid);
    }

    /**
     * The policy of {@code DP_DISABLE_HEALTHCHECKS} (comma list: {@code all} or {@code xids} turns XID checks
     * off, numbers are ignored as well) and {@code DP_ENABLE_HEALTHCHECKS} (numbers that count even if ignored).
     * Either may be null or empty.
     *
     * @throws IllegalArgumentException naming the variable and the entry that is neither a keyword nor a number
     */
    public static XidPolicy fromEnvironment(String disable, String enable) {
        boolean enabled = true;
        var ignored = new HashSet<>(DEFAULT_IGNORED);
        for (var token : tokens(disable)) {
            if (token.equalsIgnoreCase("all") || token.equalsIgnoreCase("xids")) {
                enabled = false;
            } else {
                ignored.add(xid("DP_DISABLE_HEALTHCHECKS", token));
            }
        }
        for (var token : tokens(enable)) {
            if (!token.equalsIgnoreCase("all") && !token.equalsIgnoreCase("xids")) {
                ignored.remove(xid("DP_ENABLE_HEALTHCHECKS", token));
            }
        }
        return new XidPolicy(enabled, ignored);
    }

    private static String[] tokens(String list) {
        if (list == null || list.isBlank()) {
            return new String[0];
        }
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static long xid(String variable, String token) {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + ": not an XID or a keyword: " + token);
        }
    }
}
