package io.hami.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnnotationCommandTest {

    /** For every format: a canonical wire value decodes, and its JSON encodes back to the same bytes. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "node-register        | nvidia       | '[{\"id\":\"GPU-a\",\"count\":10,\"devmem\":32768,\"devcore\":100,\"type\":\"NVIDIA-Tesla V100-PCIE-32GB\",\"mode\":\"hami-core\",\"health\":true},{\"id\":\"GPU-b\",\"index\":1,\"count\":10,\"devmem\":32768,\"devcore\":100,\"type\":\"NVIDIA-Tesla V100-PCIE-32GB\",\"numa\":1,\"mode\":\"hami-core\",\"health\":true}]'",
        "node-register        | ascend-910b3 | '[{\"id\":\"die-0\",\"count\":4,\"devmem\":65536,\"devcore\":20,\"type\":\"Ascend910B3\",\"health\":true}]'",
        "node-register-legacy | hygon        | 'DCU-1,4,16384,100,DCU-Z100,0,true,0,hami:'",
        "node-register-legacy | nvidia       | 'GPU-x,10,7680,100,NVIDIA-Tesla P4,0,true,1,hami-core:'",
        "node-score           | nvidia       | '[{\"uuid\":\"GPU-0\",\"score\":{\"GPU-1\":50,\"GPU-2\":20}}]'",
        "node-lock            | nvidia       | '2026-07-03T15:35:10+08:00,default,pod-a'",
        "node-lock            | cambricon    | '2025-10-20T03:07:02Z'",
        "handshake            | nvidia       | 'Requesting_2026-11-28 10:00:00'",
        "handshake            | hygon        | 'Reported 2026-11-28 10:00:00.123 +0800 CST m=+1.2'",
        "pod-devices          | nvidia       | 'GPU-a,NVIDIA,3000,30:;;GPU-b,NVIDIA,5000,0:GPU-c,NVIDIA,5000,0:;'",
        "pod-devices          | mthreads     | 'mt-0,Mthreads,2,4:;'",
        "node-register        | kunlun-vxpu  | '[{\"id\":\"xpu-0\",\"count\":4,\"devmem\":98304,\"devcore\":100,\"type\":\"P800\",\"health\":true}]'",
        "node-register        | amd          | '[{\"id\":\"amd-0\",\"count\":10,\"devmem\":196608,\"devcore\":304,\"type\":\"AMD-Instinct-MI300X\",\"health\":true}]'",
        "node-register        | vastai       | '[{\"id\":\"va-0-die0\",\"count\":10,\"devmem\":16384,\"devcore\":100,\"type\":\"Vastai\",\"health\":true,\"custominfo\":{\"AIC\":\"va-0\",\"DeviceStrategy\":\"die\"}}]'",
        "node-register        | biren        | '[{\"id\":\"br-0\",\"count\":4,\"devmem\":65536,\"devcore\":100,\"type\":\"Biren\",\"health\":true}]'",
        "enflame-drs-capacity | enflame-drs  | '{\"devices\":[{\"index\":\"0\",\"minor\":\"0\",\"capacity\":6}],\"profiles\":{\"1g.6gb\":\"0\",\"3g.20gb\":\"1\",\"6g.40gb\":\"2\"}}'",
        "handshake            | vastai       | 'Requesting_2026-11-28 10:00:00'",
        "node-lock            | amd          | '2026-07-03T15:35:10+08:00,default,pod-a'",
        "pod-devices          | kunlun-xpu   | 'n1-kunlun-0,kunlun,98304,100:;'",
        "pod-devices          | enflame-gcu  | 'n1-GCU-0,GCU,100,100:;'",
        "pod-devices          | enflame-drs  | 'n1-enflame-drs-0,Enflame,20480,50:;'",
        "pod-devices          | awsneuron    | 'n1-AWSNeuron-0,AWSNeuron,0,1:;'",
        "metax-sgpu-devices   | metax-sgpu   | '[{\"uuid\":\"GPU-1\",\"bdf\":\"0000:3b:00.0\",\"model\":\"MXC500\",\"totalDevCount\":16,\"totalCompute\":100,\"totalVRam\":65536,\"availableDevCount\":15,\"availableCompute\":70,\"availableVRam\":61440,\"healthy\":true,\"qosPolicy\":\"best-effort\",\"linkZone\":1}]'",
        "metax-gpu-topology   | metax-gpu    | '{\"1\":0,\"2\":110,\"3\":270,\"4\":540}'",
        "metax-sgpu-allocation| metax-sgpu   | '[[],[{\"uuid\":\"GPU-1\",\"compute\":30,\"vRam\":4096}]]'",
        "cambricon-dsmlu-profile | cambricon | '0_30_16'",
        "cambricon-dsmlu-profile-instance | cambricon | '0_258_2_1'",
        "ascend-runtime-info  | ascend-910b3 | '[{\"UUID\":\"npu-7\",\"memory\":10000,\"core\":50}]'",
        "mthreads-gpu-index   | mthreads     | '2,3'",
        "enflame-assigned-containers | enflame-drs | '{\"main\":{\"allocated\":false,\"request\":3,\"profileID\":\"1\",\"profileName\":\"3g.20gb\"}}'",
        "scoring-weights      |              | 'slot=1,core=1,memory=3'",
        "gpu-scheduler-policy |              | 'binpack,numa'",
        "node-scheduler-policy|              | 'spread'",
    })
    void decodesAndEncodesBackToTheSameWireValue(String format, String vendor, String wire) {
        var args = vendor == null ? new String[] {"--format", format} : new String[] {"--format", format, "--vendor", vendor};
        var decoded = CliRun.run(wire + "\n", concat("annotation", "decode", args));
        assertThat(decoded.err()).isEmpty();
        assertThat(decoded.exitCode()).isZero();
        var encoded = CliRun.run(decoded.out(), concat("annotation", "encode", args));
        assertThat(encoded.err()).isEmpty();
        assertThat(encoded.exitCode()).isZero();
        assertThat(encoded.out()).isEqualTo(wire + "\n");
    }

    @Test
    void decodesDeviceConfigToJsonAndBack() {
        var yaml = "nvidia:\n  resourceCountName: nvidia.com/gpu\n  deviceSplitCount: 4\n";
        var decoded = CliRun.run(yaml, "annotation", "decode", "--format", "device-config");
        assertThat(decoded.exitCode()).as(decoded.err()).isZero();
        assertThat(decoded.out()).contains("\"deviceSplitCount\": 4");
        var encoded = CliRun.run(decoded.out(), "annotation", "encode", "--format", "device-config");
        assertThat(encoded.exitCode()).as(encoded.err()).isZero();
        var again = CliRun.run(encoded.out(), "annotation", "decode", "--format", "device-config");
        assertThat(again.out()).isEqualTo(decoded.out());
    }

    @Test
    void prettyPrintsCanonicalJson() {
        var run = CliRun.run("GPU-a,NVIDIA,3000,30:;;", "annotation", "decode", "--format", "pod-devices");
        assertThat(run.out()).isEqualTo("""
                [
                  [
                    {
                      "uuid": "GPU-a",
                      "type": "NVIDIA",
                      "usedMem": 3000,
                      "usedCores": 30
                    }
                  ],
                  [ ]
                ]
                """);
    }

    /** Invalid input: exit 2, nothing on stdout, one line on stderr naming the field and the offending text. */
    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "decode | pod-devices          |              | 'GPU-a,NVIDIA,3x00,30:;' | 'pod-devices: containers[0].devices[0].usedmem: invalid memory field: not a 32-bit integer: \"3x00\"'",
        "decode | node-register        |              | '[{\"id\":\"GPU-a\",\"devmem\":\"big\"}]' | 'node-register: '",
        "decode | node-register-legacy | hygon        | 'DCU-1,4,16384:'         | 'unexpected field count 3 in node annotation'",
        "decode | node-lock            |              | 'lock'                   | 'node-lock: '",
        "decode | scoring-weights      |              | 'slot=1,core=high,memory=1' | '\"core\" weight must be an integer'",
        "decode | gpu-scheduler-policy |              | 'binpack,fastest'        | 'fastest'",
        "decode | device-config        |              | 'nvidai: {}'             | 'unknown vendor section \"nvidai\"'",
        "encode | pod-devices          |              | '[[{\"uuid\":\"GPU,a\",\"type\":\"NVIDIA\",\"usedMem\":1,\"usedCores\":1}]]' | 'pod-devices: JSON input: '",
        "encode | pod-devices          |              | '{not json'              | 'pod-devices: JSON input: '",
        "encode | node-lock            |              | 'null'                   | 'node-lock: JSON input: '",
        "decode | node-register        | hygon        | '[]'                     | '--vendor: device type hygon has no node-register annotation'",
        "decode | node-lock            | mthreads     | 'x'                      | '--vendor: device type mthreads has no node-lock annotation'",
        "decode | node-register        | awsneuron    | '[]'                     | '--vendor: device type awsneuron has no node-register annotation'",
        "decode | metax-gpu-topology   | metax-sgpu   | '{}'                     | '--vendor: device type metax-sgpu has no metax-gpu-topology annotation (it is written for metax-gpu)'",
        "decode | cambricon-dsmlu-profile | cambricon  | '0_30'                   | 'expected <index>_<cores>_<memory units> but found 2'",
        "decode | enflame-drs-capacity | enflame-drs  | '{\"devices\":[]}'      | 'no DRS devices registered'",
        "decode | scoring-weights      | nvidia       | 'slot=1'                 | '--vendor: format scoring-weights is the same for every device type'",
        "decode | pod-devices          | nvidai       | ''                       | '--vendor: unknown device type \"nvidai\" (known: nvidia, cambricon'",
        "decode | pod-dev              |              | ''                       | '--format: unknown format \"pod-dev\" (known: node-register,'",
    })
    void rejectsInvalidInputWithOneLineAndExitTwo(String verb, String format, String vendor, String input, String expected) {
        var args = vendor == null ? new String[] {"--format", format} : new String[] {"--format", format, "--vendor", vendor};
        var run = CliRun.run(input, concat("annotation", verb, args));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(expected).endsWith("\n");
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void rejectsStdinThatIsNotUtf8() {
        var run = CliRun.run(new byte[] {'G', (byte) 0xff, ';'}, "annotation", "decode", "--format", "pod-devices");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("stdin: not valid UTF-8 (at byte 1)\n");
    }

    @Test
    void missingFormatIsAUsageError() {
        var run = CliRun.run("", "annotation", "decode");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--format");
    }

    private static String[] concat(String a, String b, String... rest) {
        var out = new String[rest.length + 2];
        out[0] = a;
        out[1] = b;
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }
}
