package io.hami.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's MutatingWebhookConfiguration (docs/security.md, "The admission webhook"): which pods each webhook sees,
 * what happens when the scheduler cannot answer, and where a pod may skip it with a label. The matchConditions are
 * compiled and evaluated with CEL, the language the API server evaluates them in.
 */
class ChartWebhookTest {

    @TempDir
    static Path work;

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static List<MutatingWebhook> webhooks(String kube, String values) throws IOException {
        return Chart.render(work, kube, values).get(MutatingWebhookConfiguration.class, "hami-webhook").getWebhooks();
    }

    static List<String> namespaces(MutatingWebhook hook, String operator) {
        return hook.getNamespaceSelector().getMatchExpressions().stream()
                .filter(e -> e.getKey().equals("kubernetes.io/metadata.name") && e.getOperator().equals(operator))
                .map(LabelSelectorRequirement::getValues).findFirst().orElse(List.of());
    }

    @Test
    void fromKubernetes128PodsAskingForDevicesFailClosedAndOtherPodsAreNeverHeldUp() throws Exception {
        var hooks = webhooks("1.29.4", "");
        assertThat(hooks).extracting(MutatingWebhook::getName).containsExactly("vgpu.hami.io",
                "vgpu-other-pods.hami.io");
        assertThat(hooks).extracting(MutatingWebhook::getFailurePolicy).containsExactly("Fail", "Ignore");
        for (MutatingWebhook hook : hooks) {
            assertThat(hook.getObjectSelector()).as("no label lets a pod skip %s", hook.getName()).isNull();
            assertThat(namespaces(hook, "NotIn")).containsExactlyInAnyOrder("hami-system", "kube-system");
            assertThat(hook.getNamespaceSelector().getMatchExpressions()).anySatisfy(e ->
                    assertThat(e.getKey()).isEqualTo("hami.io/webhook"));
            assertThat(hook.getMatchConditions()).hasSize(1);
            assertThat(hook.getClientConfig().getService().getPath()).isEqualTo("/webhook");
        }
    }

    @Test
    void beforeKubernetes128OneWebhookSeesEveryPodWithTheLegacyPolicy() throws Exception {
        var hooks = webhooks("1.24.17", "");
        assertThat(hooks).singleElement().satisfies(hook -> {
            assertThat(hook.getName()).isEqualTo("vgpu.hami.io");
            assertThat(hook.getFailurePolicy()).isEqualTo("Ignore");
            assertThat(hook.getMatchConditions()).isNullOrEmpty();
            assertThat(hook.getObjectSelector()).isNull();
        });
        assertThat(webhooks("1.24.17", "scheduler:\n  admissionWebhook:\n    legacyFailurePolicy: Fail\n"))
                .extracting(MutatingWebhook::getFailurePolicy).containsExactly("Fail");
    }

    @Test
    void theOptOutLabelIsHonouredOnlyInTheNamespacesTheAdministratorLists() throws Exception {
        var hooks = webhooks("1.29.4", """
                scheduler:
                  admissionWebhook:
                    optOutNamespaces: [ml-sandbox, kube-system]
                    excludeNamespaces: [kube-system, monitoring]
                """);
        assertThat(hooks).extracting(MutatingWebhook::getName).containsExactly("vgpu.hami.io",
                "vgpu-opt-out.hami.io", "vgpu-other-pods.hami.io", "vgpu-other-pods-opt-out.hami.io");
        for (MutatingWebhook hook : hooks) {
            if (hook.getName().contains("-opt-out")) {
                assertThat(namespaces(hook, "In")).containsExactly("ml-sandbox");
                assertThat(hook.getObjectSelector().getMatchExpressions()).singleElement().satisfies(e -> {
                    assertThat(e.getKey()).isEqualTo("hami.io/webhook");
                    assertThat(e.getOperator()).isEqualTo("NotIn");
                    assertThat(e.getValues()).containsExactly("ignore");
                });
            } else {
                assertThat(namespaces(hook, "NotIn")).containsExactlyInAnyOrder("hami-system", "kube-system",
                        "monitoring", "ml-sandbox");
                assertThat(hook.getObjectSelector()).isNull();
            }
        }
        assertThat(hooks.get(1).getFailurePolicy()).isEqualTo("Fail");
        assertThat(hooks.get(1).getMatchConditions()).isEqualTo(hooks.get(0).getMatchConditions());
    }

    @Test
    void theConditionsSplitPodsByWhetherTheyAskForAResourceOfTheDeviceConfig() throws Exception {
        var hooks = webhooks("1.29.4", "");
        CelRuntime.Program devices = compile(hooks.get(0).getMatchConditions().getFirst().getExpression());
        CelRuntime.Program others = compile(hooks.get(1).getMatchConditions().getFirst().getExpression());
        var cases = Map.of(
                pod(Map.of("nvidia.com/gpu", "1"), Map.of(), false), true,
                pod(Map.of("nvidia.com/gpumem", "3000"), Map.of(), false), true,
                pod(Map.of(), Map.of("cambricon.com/vmlu", "1"), false), true,
                pod(Map.of("nvidia.com/gpu", "1"), Map.of(), true), true,
                pod(Map.of("cpu", "1", "memory", "1Gi"), Map.of("cpu", "1"), false), false,
                pod(Map.of(), Map.of(), false), false,
                new PodBuilder().withNewMetadata().withName("bare").endMetadata().withNewSpec().addNewContainer()
                        .withName("c").withImage("busybox").endContainer().endSpec().build(), false);
        cases.forEach((pod, asks) -> {
            assertThat(eval(devices, pod)).as("asks-for-devices of %s", pod.getSpec()).isEqualTo(asks);
            assertThat(eval(others, pod)).as("asks-for-no-device of %s", pod.getSpec()).isEqualTo(!asks);
        });
        // Renamed resources are what the conditions look for.
        CelRuntime.Program renamed = compile(webhooks("1.29.4", ChartTest.CUSTOM).get(0).getMatchConditions()
                .getFirst().getExpression());
        assertThat(eval(renamed, pod(Map.of("example.com/vgpu", "1"), Map.of(), false))).isTrue();
        assertThat(eval(renamed, pod(Map.of("nvidia.com/gpu", "1"), Map.of(), false))).isFalse();
    }

    @Test
    void settingsThatWouldOpenTheWebhookAreRefused() {
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", """
                scheduler:
                  admissionWebhook:
                    objectSelector: {}
                """)).hasMessageContaining("scheduler.admissionWebhook.objectSelector is gone")
                .hasMessageContaining("optOutNamespaces");
        assertThatThrownBy(() -> Chart.template(work, "1.29.4", """
                scheduler:
                  admissionWebhook:
                    failurePolicy: Maybe
                """)).hasMessageContaining("scheduler.admissionWebhook.failurePolicy: expected Fail or Ignore, "
                + "found \"Maybe\"");
    }

    /** A pod whose (init, when {@code init}) container has these limits and requests. */
    static Pod pod(Map<String, String> limits, Map<String, String> requests, boolean init) {
        var resources = new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder();
        limits.forEach((k, v) -> resources.addToLimits(k, new Quantity(v)));
        requests.forEach((k, v) -> resources.addToRequests(k, new Quantity(v)));
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c").withImage("cuda")
                .withResources(resources.build()).build();
        var plain = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("main").withImage("busybox")
                .build();
        var spec = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec();
        return (init ? spec.addToInitContainers(container).addToContainers(plain) : spec.addToContainers(container))
                .endSpec().build();
    }

    static CelRuntime.Program compile(String expression) throws Exception {
        CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addVar("object", SimpleType.DYN).addVar("request", SimpleType.DYN).build();
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
        return runtime.createProgram(compiler.compile(expression).getAst());
    }

    /** Evaluates a condition on the pod as the API server sees it: its JSON, without empty fields. */
    @SuppressWarnings("unchecked")
    static boolean eval(CelRuntime.Program program, Pod pod) {
        Map<String, Object> object = JSON.convertValue(pod, Map.class);
        try {
            return (Boolean) program.eval(Map.of("object", object, "request", Map.of()));
        } catch (Exception e) {
            throw new AssertionError("evaluating on " + object, e);
        }
    }
}
