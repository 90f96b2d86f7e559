package io.hami.cli.chart;

import java.util.Objects;
import java.util.Optional;

/**
 * One kind of API call, as RBAC sees it: the verb on a resource of an API group, in a namespace or cluster-wide, on
 * one named object or not.
 *
 * @param group     the API group, "" for the core group
 * @param resource  the resource (plural), with its subresource after a slash
 * @param verb      get, list, watch, create, update, patch, delete
 * @param namespace the namespace, empty for cluster-scoped resources and calls across all namespaces
 * @param name      the object's name, empty for collections and creations
 */
record ApiAccess(String group, String resource, String verb, Optional<String> namespace, Optional<String> name) {

    ApiAccess {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    /**
     * The access a request to the API server's path needs, like the API server's request-info resolver: the verb
     * from the method, {@code list} or {@code watch} for a collection GET, the group, namespace, resource and name
     * from the path.
     */
    static ApiAccess of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        boolean watch = q >= 0 && pathAndQuery.substring(q).matches(".*[?&]watch=(true|1).*");
        String[] parts = path.replaceFirst("^/", "").split("/");
        int i;
        String group;
        if (parts[0].equals("api")) {
            group = "";
            i = 2;
        } else if (parts[0].equals("apis")) {
            group = parts[1];
            i = 3;
        } else {
            throw new IllegalArgumentException("not a resource path: " + path);
        }
        Optional<String> namespace = Optional.empty();
        if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
            namespace = Optional.of(parts[i + 1]);
            i += 2;
        }
        String resource = parts[i];
        Optional<String> name = parts.length > i + 1 ? Optional.of(parts[i + 1]) : Optional.empty();
        if (parts.length > i + 2) {
            resource = resource + "/" + parts[i + 2];
        }
        String verb = switch (method) {
            case "GET" -> name.isPresent() ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isPresent() ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("method " + method + " of " + path);
        };
        return new ApiAccess(group, resource, verb, namespace, name);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + name.map(n -> " " + n).orElse("")
                + namespace.map(n -> " in " + n).orElse("");
    }
}
