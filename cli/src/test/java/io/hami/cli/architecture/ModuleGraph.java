package io.hami.cli.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * The reactor's module graph as its pom files declare it: each module's artifact id and its direct
 * dependencies with their scopes. Read with the JDK's XML parser, so the rule test needs no Maven.
 */
record ModuleGraph(Map<String, List<Dependency>> dependencies) {

    /** One declared dependency; {@code scope} is {@code compile} when the pom names none. */
    record Dependency(String groupId, String artifactId, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }

        boolean reachesProduction() {
            return scope.equals("compile") || scope.equals("runtime") || scope.equals("provided");
        }
    }

    static ModuleGraph read(Path root) throws Exception {
        var modules = new LinkedHashMap<String, List<Dependency>>();
        for (var module : children(parse(root.resolve("pom.xml")), "modules", "module")) {
            var pom = parse(root.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            var deps = new ArrayList<Dependency>();
            for (var dep : children(pom, "dependencies", "dependency")) {
                var scope = text(dep, "scope");
                deps.add(new Dependency(text(dep, "groupId"), text(dep, "artifactId"), scope.isEmpty() ? "compile" : scope));
            }
            modules.put("io.hami:" + text(pom, "artifactId"), List.copyOf(deps));
        }
        return new ModuleGraph(Map.copyOf(modules));
    }

    /** Every reactor module {@code from} reaches through compile or runtime dependencies, transitively. */
    Set<String> productionClosure(String from) {
        var seen = new LinkedHashSet<String>();
        var todo = new ArrayDeque<String>(List.of(from));
        while (!todo.isEmpty()) {
            for (var dep : dependencies.getOrDefault(todo.pop(), List.of())) {
                if (dep.reachesProduction() && seen.add(dep.key())) {
                    todo.push(dep.key());
                }
            }
        }
        return seen;
    }

    /** Every module with a direct dependency, in any scope, on {@code target}. */
    Set<String> dependentsOf(String target) {
        var out = new LinkedHashSet<String>();
        dependencies.forEach((module, deps) -> deps.stream().filter(d -> d.key().equals(target)).forEach(d -> out.add(module)));
        return out;
    }

    private static Element parse(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        if (!Files.isRegularFile(pom)) {
            throw new IOException("no pom at " + pom);
        }
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The {@code <child>} elements of the top-level {@code <container>} of a pom (not of dependencyManagement). */
    private static List<Element> children(Element pom, String container, String child) {
        var out = new ArrayList<Element>();
        for (var node = pom.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(container)) {
                for (var c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element ce && ce.getTagName().equals(child)) {
                        out.add(ce);
                    }
                }
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }
}
