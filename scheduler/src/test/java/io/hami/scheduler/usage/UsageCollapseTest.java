package io.hami.scheduler.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.PodDevicesCodec;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * initContainer_test.go: CollapseInitContainerUsage and the app-only collapse
 * (docs/scheduler.md, "Usage of scheduled pods").
 */
class UsageCollapseTest {

    private static String collapse(String allocated, int init, boolean appOnly) throws Exception {
        List<DeviceUse> uses = UsageCollapse.collapse(PodDevicesCodec.INSTANCE.decode(allocated), init, appOnly);
        var sb = new StringBuilder();
        for (DeviceUse u : uses) {
            sb.append(u.uuid()).append('=').append(u.mem()).append('/').append(u.cores()).append('x').append(u.slots())
                    .append(' ');
        }
        return sb.toString().trim();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nothing collapses to nothing                  | ''                                                          | 0 | ''",
        "0 init, 2 app on gpu0                         | gpu0,NVIDIA,100,10:;gpu0,NVIDIA,200,20:;                    | 0 | gpu0=300/30x2",
        "2 init only take the larger                   | gpu0,NVIDIA,100,10:;gpu0,NVIDIA,200,30:;                    | 2 | gpu0=200/30x1",
        "1 init 500/50 + 1 app 100/10                  | gpu0,NVIDIA,500,50:;gpu0,NVIDIA,100,10:;                    | 1 | gpu0=500/50x1",
        "init 1000/80 + app 200/20                     | gpu0,NVIDIA,1000,80:;gpu0,NVIDIA,200,20:;                   | 1 | gpu0=1000/80x1",
        "init 100/10 + app 200/20 + app 300/30         | gpu0,NVIDIA,100,10:;gpu0,NVIDIA,200,20:;gpu0,NVIDIA,300,30:; | 1 | gpu0=500/50x2",
        "3 init (100,300,200) + app 50                 | gpu0,NVIDIA,100,10:;gpu0,NVIDIA,300,30:;gpu0,NVIDIA,200,20:;gpu0,NVIDIA,50,5:; | 3 | gpu0=300/30x1",
        "one container on two GPUs, sorted by UUID     | gpu1,NVIDIA,100,10:gpu0,NVIDIA,200,20:;                     | 0 | gpu0=200/20x1 gpu1=100/10x1",
        "all-empty entries hold nothing                | ;;                                                          | 1 | ''",
        "3 app containers on one GPU take 3 slots      | g,NVIDIA,1,1:;g,NVIDIA,1,1:;g,NVIDIA,1,1:;                  | 0 | g=3/3x3",
    })
    void collapseInitContainerUsage(String name, String allocated, int init, String expected) throws Exception {
        assertThat(collapse(allocated, init, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "app only: {0}")
    @CsvSource(delimiter = '|', value = {
        "nothing                                 | ''                                              | 0 | ''",
        "2 app on gpu0                           | gpu0,NVIDIA,100,10:;gpu0,NVIDIA,200,20:;        | 0 | gpu0=300/30x2",
        "init entries are ignored                | gpu0,NVIDIA,900,90:;gpu0,NVIDIA,200,20:;        | 1 | gpu0=200/20x1",
        "several devices per container           | a,NVIDIA,1,1:b,NVIDIA,2,2:;a,NVIDIA,3,3:;       | 0 | a=4/4x2 b=2/2x1",
    })
    void collapseAppOnly(String name, String allocated, int init, String expected) throws Exception {
        assertThat(collapse(allocated, init, true)).isEqualTo(expected);
    }
}
