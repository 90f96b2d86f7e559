package io.hami.cli.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chart {@code charts/hami-java} through Helm itself (helm-java bundles Helm as a native library): lint, and
 * template into fabric8's typed objects.
 *
 * <p>helm-java's template has no {@code --kube-version}; the chart's {@code kubeVersion} value overrides
 * {@code .Capabilities.KubeVersion} the same way, and that is what the tests set. It also prints the release manifest
 * only, without hooks: {@link #render} therefore templates a copy of the chart in which {@code helm.sh/hook}
 * annotations are renamed {@value #HOOK_PREFIX}..., so that hook objects come out as ordinary ones and their
 * annotations can still be checked.
 */
final class Chart {

    static final String RELEASE = "hami";
    static final String NAMESPACE = "hami-system";
    static final Path DIR = locate();
    /** What {@code helm.sh/hook} annotations are renamed to in the rendered copy. */
    static final String HOOK_PREFIX = "hooks.test.hami.io/hook";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Chart() {
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path chart = dir.resolve("charts/hami-java/Chart.yaml");
            if (Files.isRegularFile(chart)) {
                return chart.getParent();
            }
        }
        throw new IllegalStateException("charts/hami-java not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * {@code helm lint --strict} of the chart with its default values but for the Kubernetes version: helm-java's lint
     * takes no values and Helm's built-in capability (1.20) is one the chart refuses, so a copy with the version in its
     * values.yaml is linted.
     */
    static LintResult lint(Path work, String kubeVersion) throws IOException {
        Path copy = copy(work, (file, text) -> file.endsWith("values.yaml") && file.getNameCount() == 1
                ? text.replace("\nkubeVersion: \"\"\n", "\nkubeVersion: \"" + kubeVersion + "\"\n") : text);
        if (Files.readString(copy.resolve("values.yaml")).contains("\nkubeVersion: \"\"\n")) {
            throw new IllegalStateException("values.yaml: kubeVersion not set for the lint");
        }
        return new Helm(copy).lint().strict().call();
    }

    /** The raw text {@code helm template} renders for a Kubernetes version and extra values (YAML text). */
    static String template(Path work, String kubeVersion, String values) throws IOException {
        TemplateCommand template = new Helm(withVisibleHooks(work)).template().withName(RELEASE).withNamespace(NAMESPACE)
                .set("kubeVersion", kubeVersion);
        if (!values.isBlank()) {
            Path file = Files.createTempFile(work, "values", ".yaml");
            Files.writeString(file, values);
            template = template.withValuesFile(file);
        }
        return template.call();
    }

    /** Every rendered object, each parsed into fabric8's model. */
    static Rendered render(Path work, String kubeVersion, String values) throws IOException {
        String text = template(work, kubeVersion, values);
        var objects = new ArrayList<HasMetadata>();
        var sources = new ArrayList<String>();
        for (String doc : DOCUMENT_SEPARATOR.split(text)) {
            String body = doc.replaceAll("(?m)^#.*$", "").strip();
            if (body.isEmpty()) {
                continue;
            }
            objects.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
            sources.add(doc);
        }
        return new Rendered(List.copyOf(objects), List.copyOf(sources));
    }

    /** Whether fabric8 fell back to its untyped model for an object (a kind it does not know). */
    static boolean untyped(HasMetadata object) {
        return object instanceof GenericKubernetesResource;
    }

    private static Path withVisibleHooks(Path work) throws IOException {
        return copy(work, (file, text) -> text.replace("helm.sh/hook", HOOK_PREFIX));
    }

    /** A copy of the chart with each file's text transformed (given its path relative to the chart). */
    private static Path copy(Path work, java.util.function.BiFunction<Path, String, String> transform)
            throws IOException {
        Path copy = Files.createTempDirectory(work, "chart");
        try (var files = Files.walk(DIR)) {
            for (Path p : files.toList()) {
                Path relative = DIR.relativize(p);
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, transform.apply(relative, Files.readString(p)));
                }
            }
        }
        return copy;
    }
}
