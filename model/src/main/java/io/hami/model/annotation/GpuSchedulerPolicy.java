package io.hami.model.annotation;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A GPU scheduler policy ({@code hami.io/gpu-scheduler-policy}, flag {@code --gpu-scheduler-policy},
 * default {@code spread}): one or more {@link GpuPolicyToken}s in written order, duplicates kept.
 *
 * <p>The queries reproduce how HAMi v2.10 reads the string:
 * <ul>
 *   <li>{@link #contains} is HAMi's {@code PolicyContains}: whether {@code mutex} and
 *       {@code topology-aware} filters apply, wherever they stand in a list;</li>
 *   <li>{@link #isChain} tells whether devices are ordered by a chain of keys (a comma list, or exactly
 *       {@code numa}), and {@link #chain} gives the keys, with the numa-bind rule applied;</li>
 *   <li>otherwise {@link #single} is the one policy the device comparator switches on ({@code mutex},
 *       {@code binpack}, or spread ordering for {@code spread} and {@code topology-aware}).</li>
 * </ul>
 *
 * @param tokens the words, at least one
 */
public record GpuSchedulerPolicy(List<GpuPolicyToken> tokens) {

    /** The flag default. */
    public static final GpuSchedulerPolicy SPREAD = of(GpuPolicyToken.SPREAD);

    /** @throws IllegalArgumentException when there are no tokens */
    public GpuSchedulerPolicy {
        tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("tokens: a policy needs at least one token");
        }
    }

    /** A policy of the given words in order. */
    public static GpuSchedulerPolicy of(GpuPolicyToken... tokens) {
        return new GpuSchedulerPolicy(List.of(tokens));
    }

    /** HAMi's {@code PolicyContains}: the token occurs anywhere in the list. */
    public boolean contains(GpuPolicyToken token) {
        return tokens.contains(token);
    }

    /**
     * True when devices are ordered by a chain of keys: the policy was a comma list (two or more tokens)
     * or exactly {@code numa}.
     */
    @JsonIgnore
    public boolean isChain() {
        return tokens.size() > 1 || tokens.getFirst() == GpuPolicyToken.NUMA;
    }

    /** The only token of a single-word policy; empty for a list. */
    public Optional<GpuPolicyToken> single() {
        return tokens.size() == 1 ? Optional.of(tokens.getFirst()) : Optional.empty();
    }

    /**
     * The ordering keys of a chain, as HAMi builds them: the {@code binpack}, {@code spread} and
     * {@code numa} tokens in written order without repeats ({@code [spread]} if there are none); with
     * numa-bind, {@code numa} is moved or inserted to the front. Meaningful when {@link #isChain()}.
     *
     * @param numaBind the pod's {@code nvidia.com/numa-bind}
     */
    public List<GpuPolicyToken> chain(boolean numaBind) {
        var keys = new LinkedHashSet<GpuPolicyToken>();
        tokens.stream().filter(GpuPolicyToken::isOrderingKey).forEach(keys::add);
        if (keys.isEmpty()) {
            keys.add(GpuPolicyToken.SPREAD);
        }
        var chain = new ArrayList<>(keys);
        if (numaBind && chain.getFirst() != GpuPolicyToken.NUMA) {
            chain.remove(GpuPolicyToken.NUMA);
            chain.addFirst(GpuPolicyToken.NUMA);
        }
        return List.copyOf(chain);
    }
}
