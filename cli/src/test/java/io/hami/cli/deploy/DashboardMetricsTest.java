package io.hami.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard {@code deploy/grafana/hami-java.json} queries is one our scheduler or node
 * monitor exports (seen in real scrapes), and the check fails on a metric nobody exports.
 */
class DashboardMetricsTest {
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "hami-java.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$");
    static Set<String> exported;

    @TempDir
    static Path hook;

    @BeforeAll
    static void scrape() throws Exception {
        exported = ExportedMetrics.scrapeAll(hook);
    }

    /** Every PromQL text in the dashboard: panel targets' {@code expr} and the query variables' metric selectors. */
    static List<String> queries(JsonNode dashboard) {
        var out = new ArrayList<String>();
        collectExprs(dashboard, out);
        for (var v : dashboard.path("templating").path("list")) {
            if (v.path("type").asText().equals("query")) {
                var q = v.path("query").isObject() ? v.path("query").path("query").asText() : v.path("query").asText();
                var m = LABEL_VALUES.matcher(q);
                if (!m.matches()) {
                    throw new IllegalArgumentException("variable " + v.path("name").asText() + ": not label_values(...): " + q);
                }
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static void collectExprs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectExprs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectExprs(n, out));
        }
    }

    /** The metric names the dashboard reads that are not in {@code exported}. */
    static Set<String> unknown(JsonNode dashboard, Set<String> exported) {
        var unknown = new TreeSet<String>();
        for (var q : queries(dashboard)) {
            for (var name : PromQlNames.of(q)) {
                if (!exported.contains(name)) {
                    unknown.add(name);
                }
            }
        }
        return unknown;
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        var dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(queries(dashboard)).hasSizeGreaterThan(25);
        assertThat(unknown(dashboard, exported)).as("metrics the dashboard reads but no daemon exports (exported: %s)",
                exported).isEmpty();
    }

    @Test
    void theScrapesSawBothDaemonsFamilies() {
        assertThat(exported).contains("hami_gpu_memory_limit_bytes", "hami_vgpu_memory_allocated_bytes",
                "hami_scheduler_filter_duration_seconds_bucket", "hami_scheduler_filter_failures_total",
                "hami_host_gpu_memory_used_bytes", "hami_vgpu_memory_used_bytes", "hami_container_last_kernel_elapsed_seconds",
                "hami_monitor_collect_errors_total");
    }

    @Test
    void theDashboardHasItsVariablesAndFourAreas() throws Exception {
        var dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        var variables = new ArrayList<String>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("datasource", "node", "gpu", "namespace");
        var rows = new ArrayList<String>();
        dashboard.path("panels").forEach(p -> {
            if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
            }
        });
        assertThat(rows).containsExactly("Cluster overview", "Physical GPUs", "Allocation", "Containers");
        for (var p : dashboard.path("panels")) {
            if (!p.path("type").asText().equals("row")) {
                assertThat(p.path("datasource").path("uid").asText()).as("panel %s", p.path("title").asText())
                        .isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void failsOnAMetricNobodyExports() throws Exception {
        var invented = new ObjectMapper().readTree("""
                {"panels": [{"targets": [{"expr": "sum by (node) (hami_gpu_temperature_celsius{node=~\\"$node\\"})"},
                                          {"expr": "hami_gpu_memory_limit_bytes"}]}],
                 "templating": {"list": [{"type": "query", "name": "pod",
                                          "query": {"query": "label_values(hami_vgpu_pod_info, pod)"}}]}}
                """);
        assertThat(unknown(invented, exported)).containsExactly("hami_gpu_temperature_celsius", "hami_vgpu_pod_info");
    }

    @Test
    void readsNamesOutOfPromQl() {
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le) (rate(h_seconds_bucket{a=\"b}\"}[5m])))"))
                .containsExactly("h_seconds_bucket");
        assertThat(PromQlNames.of("a_bytes{device_uuid=~\"$gpu\"} and on (device_uuid) group_left (node) b_ratio > 0.5e3"))
                .containsExactly("a_bytes", "b_ratio");
        assertThat(PromQlNames.of("sum(rate(x_total[$__rate_interval])) without (instance) / ignoring(zone) y offset 5m"))
                .containsExactly("x_total", "y");
        assertThat(PromQlNames.of("topk(10, job:requests:rate5m) or vector(0)")).containsExactly("job:requests:rate5m");
        assertThatThrownBy(() -> PromQlNames.of("smooth(x)")).hasMessageContaining("not a PromQL function: smooth");
        assertThatThrownBy(() -> PromQlNames.of("{__name__=~\"hami_.*\"}")).hasMessageContaining("__name__");
    }
}
