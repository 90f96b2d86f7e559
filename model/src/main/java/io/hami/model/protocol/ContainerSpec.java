package io.hami.model.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container needs so that HAMi-core enforces its allocation: environment variables (in the order
 * HAMi writes them) and bind mounts (directories before the files mounted inside them).
 *
 * @param env    variable name to value, insertion-ordered and unmodifiable
 * @param mounts mounts in the order they must be applied
 */
public record ContainerSpec(Map<String, String> env, List<Mount> mounts) {

    public ContainerSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env")));
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
    }
}
