package io.hami.demo.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceFilesTest {

    @Test
    void readsYamlPodsWithTimesInSecondsAndRequestsAsQuantities() throws IOException {
        Trace trace = TraceFiles.yaml("""
                pods:
                - {name: b, time: 2.5, duration: 60, requests: {nvidia.com/gpu: 2, nvidia.com/gpumem: 4000}}
                - time: 1
                  duration: 0.001
                  requests:
                    nvidia.com/gpu: 1
                """, "t.yaml");
        assertThat(trace.pods()).extracting(TracePod::name).containsExactly("pod-2", "b");
        TracePod b = trace.pods().get(1);
        assertThat(b.arrivalMillis()).isEqualTo(2500);
        assertThat(b.durationMillis()).isEqualTo(60_000);
        assertThat(b.requests()).isEqualTo(Map.of("nvidia.com/gpu", "2", "nvidia.com/gpumem", "4000"));
        assertThat(trace.pods().getFirst().durationMillis()).isEqualTo(1);
    }

    @Test
    void readsCsvWhoseOtherColumnsAreResourcesAndEmptyCellsLeaveThemOut() throws IOException {
        Trace trace = TraceFiles.csv("""
                # a comment
                time,duration,name,nvidia.com/gpu,nvidia.com/gpumem
                0,30,a,1,3000
                5,10,,2,
                """, "t.csv");
        assertThat(trace.pods()).extracting(TracePod::name).containsExactly("a", "pod-2");
        assertThat(trace.pods().get(1).requests()).isEqualTo(Map.of("nvidia.com/gpu", "2"));
    }

    @Test
    void theCsvItWritesReadsBackToTheSameTrace() throws IOException {
        Trace trace = new TraceGenerator(200, 3, 0.9, 600_000).generate(VirtualCluster.demo(3).capacity());
        assertThat(TraceFiles.csv(TraceFiles.toCsv(trace), "round trip")).isEqualTo(trace);
    }

    @Test
    void errorsNameTheFileThePodTheFieldAndTheText() {
        assertThatThrownBy(() -> TraceFiles.yaml("pods:\n- {time: soon, duration: 1, requests: {nvidia.com/gpu: 1}}\n",
                "t.yaml")).isInstanceOf(IOException.class)
                .hasMessage("t.yaml, pods[0]: time: not a number of seconds: 'soon'");
        assertThatThrownBy(() -> TraceFiles.yaml("pods:\n- {time: 1, duration: 0, requests: {nvidia.com/gpu: 1}}\n",
                "t.yaml")).hasMessage("t.yaml, pods[0]: duration: must be positive: 0");
        assertThatThrownBy(() -> TraceFiles.yaml("pods:\n- {time: 1, duration: 1, request: {nvidia.com/gpu: 1}}\n",
                "t.yaml")).hasMessageStartingWith("t.yaml, pods[0]: unknown field 'request'");
        assertThatThrownBy(() -> TraceFiles.yaml("pods: 3\n", "t.yaml"))
                .hasMessage("t.yaml: expected a mapping with a list 'pods'");
        assertThatThrownBy(() -> TraceFiles.csv("time,duration,nvidia.com/gpu\n0,1\n", "t.csv"))
                .hasMessage("t.csv, line 2: 2 cells, the header has 3");
        assertThatThrownBy(() -> TraceFiles.csv("time,nvidia.com/gpu\n0,1\n", "t.csv"))
                .hasMessage("t.csv, line 1: the header has no column 'duration'");
        assertThatThrownBy(() -> TraceFiles.csv("time,duration,name,nvidia.com/gpu\n0,1,a,1\n0,1,a,1\n", "t.csv"))
                .hasMessage("t.csv: pod name a occurs twice in the trace");
    }

    @Test
    void theExampleTraceReads() throws IOException {
        assertThat(TraceFiles.read(Path.of("../examples/trace.yaml")).pods()).hasSizeGreaterThan(20);
    }
}
