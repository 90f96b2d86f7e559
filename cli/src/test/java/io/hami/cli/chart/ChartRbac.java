package io.hami.cli.chart;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rights the rendered chart gives one ServiceAccount: the rules of the Roles and ClusterRoles it renders and
 * binds to the account, each with its scope, evaluated as the API server's RBAC authorizer does; and the roles it
 * binds that it does not render (Kubernetes' built-in roles).
 */
final class ChartRbac {

    /** A rule and where it applies: a namespace for a RoleBinding, everywhere for a ClusterRoleBinding. */
    record ScopedRule(Optional<String> namespace, PolicyRule rule) {
    }

    private final List<ScopedRule> rules = new ArrayList<>();
    private final Set<String> builtIns = new TreeSet<>();

    ChartRbac(Rendered chart, String serviceAccount, String namespace) {
        for (ClusterRoleBinding b : chart.all(ClusterRoleBinding.class)) {
            if (binds(b.getSubjects(), serviceAccount, namespace)) {
                add(chart, b.getRoleRef(), Optional.empty());
            }
        }
        for (RoleBinding b : chart.all(RoleBinding.class)) {
            if (binds(b.getSubjects(), serviceAccount, namespace)) {
                add(chart, b.getRoleRef(), Optional.of(b.getMetadata().getNamespace()));
            }
        }
    }

    private static boolean binds(List<Subject> subjects, String account, String namespace) {
        return subjects != null && subjects.stream().anyMatch(s -> "ServiceAccount".equals(s.getKind())
                && account.equals(s.getName()) && namespace.equals(s.getNamespace()));
    }

    private void add(Rendered chart, RoleRef ref, Optional<String> namespace) {
        List<PolicyRule> found;
        if ("ClusterRole".equals(ref.getKind())) {
            found = chart.find(ClusterRole.class, ref.getName()).map(ClusterRole::getRules).orElse(null);
        } else {
            found = chart.all(Role.class).stream().filter(r -> r.getMetadata().getName().equals(ref.getName())
                    && namespace.orElseThrow().equals(r.getMetadata().getNamespace())).findFirst()
                    .map(Role::getRules).orElse(null);
        }
        if (found == null) {
            builtIns.add(ref.getKind() + " " + ref.getName() + namespace.map(n -> " in " + n).orElse(""));
            return;
        }
        found.forEach(rule -> rules.add(new ScopedRule(namespace, rule)));
    }

    /** Whether the account may make this call. */
    boolean allows(ApiAccess access) {
        return rules.stream().anyMatch(s -> covers(s, access));
    }

    /** The grant line (as {@link #grants()} writes it) that lets the account make this call, if any. */
    Optional<String> grantFor(ApiAccess a) {
        return rules.stream().filter(s -> covers(s, a)).findFirst().map(s -> line(a.verb(), a.group(), a.resource(),
                s.rule().getResourceNames() == null || s.rule().getResourceNames().isEmpty() ? ""
                        : a.name().orElseThrow(), s.namespace()));
    }

    private static String line(String verb, String group, String resource, String name, Optional<String> namespace) {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name.isEmpty() ? "" : " " + name)
                + namespace.map(n -> " in " + n).orElse("");
    }

    private static boolean covers(ScopedRule scoped, ApiAccess a) {
        if (scoped.namespace().isPresent() && !scoped.namespace().equals(a.namespace())) {
            return false;
        }
        PolicyRule r = scoped.rule();
        List<String> names = r.getResourceNames() == null ? List.of() : r.getResourceNames();
        return r.getApiGroups().contains(a.group()) && r.getResources().contains(a.resource())
                && r.getVerbs().contains(a.verb())
                && (names.isEmpty() || a.name().map(names::contains).orElse(false));
    }

    /**
     * Every grant as one line {@code verb group/resource [name] [in namespace]}, sorted: what the tests compare with
     * the declared access of each component.
     */
    Set<String> grants() {
        var out = new TreeSet<String>();
        for (ScopedRule s : rules) {
            PolicyRule r = s.rule();
            List<String> names = r.getResourceNames() == null || r.getResourceNames().isEmpty()
                    ? List.of("") : r.getResourceNames();
            for (String group : r.getApiGroups()) {
                for (String resource : r.getResources()) {
                    for (String verb : r.getVerbs()) {
                        for (String name : names) {
                            out.add(line(verb, group, resource, name, s.namespace()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Every verb, resource, group and name the rules use, for the no-wildcard check. */
    List<String> words() {
        var out = new ArrayList<String>();
        for (ScopedRule s : rules) {
            PolicyRule r = s.rule();
            out.addAll(r.getVerbs());
            out.addAll(r.getResources());
            out.addAll(r.getApiGroups());
            if (r.getResourceNames() != null) {
                out.addAll(r.getResourceNames());
            }
            if (r.getNonResourceURLs() != null) {
                out.addAll(r.getNonResourceURLs());
            }
        }
        return out;
    }

    /** The bound roles that the chart does not render: {@code ClusterRole system:kube-scheduler}, ... */
    Set<String> builtIns() {
        return builtIns;
    }
}
