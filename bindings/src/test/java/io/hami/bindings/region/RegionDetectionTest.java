package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every branch of the detection rule, on its edges. */
class RegionDetectionTest {
    private static final int MAGIC = RegionDetection.MAGIC;

    @ParameterizedTest(name = "{0} bytes, major {2}, minor {3} -> {4}")
    @CsvSource({
            // size,   magic,    major, minor, layout
            "2008953,  19920718, 1,     2,     V1_2",   // libvgpu's file: sizeof + 1
            "2008952,  19920718, 1,     2,     V1_2",   // exactly sizeof
            "2008953,  19920718, 1,     1,     V1_1",
            "2008953,  19920718, 1,     0,     V1_1",   // minor not checked by HAMi; no seqlock assumed below 2
            "2008953,  19920718, 1,     7,     V1_2",   // a later minor: same offsets, seqlock followed
            "2008953,  19920718, 1,     -1,    V1_2",   // minor is unsigned
            "9999999,  19920718, 1,     2,     V1_2",   // longer files are accepted
            "1197897,  19920718, 0,     0,     V0",     // v0's file: sizeof + 1
            "1197896,  19920718, 0,     0,     V0",
            "1500000,  19920718, 7,     3,     V0",     // v0 by size when the words claim no 1.x version
            "1197897,  19920718, 1,     0,     V0",     // v0 with sm_init_flag 1 and a free semaphore: no "1.0" exists
    })
    void detectsTheLayout(long size, int magic, int major, int minor, RegionFormat expected) throws Exception {
        assertThat(RegionDetection.detect(size, magic, major, minor)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} bytes, magic {1}, major {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "0       | 0        | 0 | 0 | TRUNCATED       | truncated: 0 bytes, a region header needs 12",
            "11      | 19920718 | 1 | 2 | TRUNCATED       | truncated: 11 bytes, a region header needs 12",
            "2008953 | 0        | 1 | 2 | NOT_A_REGION    | not a HAMi-core region: magic 0x00000000",
            "2008953 | -1       | 1 | 2 | NOT_A_REGION    | not a HAMi-core region: magic 0xffffffff",
            "12      | 12       | 1 | 2 | NOT_A_REGION    | not a HAMi-core region: magic 0x0000000c",
            "1048576 | 19920718 | 1 | 2 | TRUNCATED       | truncated: 1048576 bytes, layout 1.2 needs 2008952",
            "1197895 | 19920718 | 1 | 1 | TRUNCATED       | truncated: 1197895 bytes, layout 1.1 needs 2008952",
            "2008951 | 19920718 | 1 | 2 | TRUNCATED       | truncated: 2008951 bytes, layout 1.2 needs 2008952",
            "2000000 | 19920718 | 1 | 2 | TRUNCATED       | truncated: 2000000 bytes, layout 1.2 needs 2008952",
            "1197897 | 19920718 | 1 | 2 | TRUNCATED       | truncated: 1197897 bytes, layout 1.2 needs 2008952",
            "1197896 | 19920718 | 1 | 1 | TRUNCATED       | truncated: 1197896 bytes, layout 1.1 needs 2008952",
            "1500000 | 19920718 | 1 | 3 | TRUNCATED       | truncated: 1500000 bytes, layout 1.3 needs 2008952",
            "804681  | 19920718 | 0 | 0 | TRUNCATED       | truncated: 804681 bytes, layout v0 needs 1197896",
            "12      | 19920718 | 0 | 0 | TRUNCATED       | truncated: 12 bytes, layout v0 needs 1197896",
            "2008953 | 19920718 | 0 | 0 | UNKNOWN_VERSION | unknown HAMi-core region version 0.0 (2008953 bytes)",
            "2008953 | 19920718 | 2 | 0 | UNKNOWN_VERSION | unknown HAMi-core region version 2.0 (2008953 bytes)",
            "2008953 | 19920718 | -1| 5 | UNKNOWN_VERSION | unknown HAMi-core region version 4294967295.5 (2008953 bytes)",
    })
    void rejectsWithOneLineSayingWhy(long size, int magic, int major, int minor, Reason reason, String message) {
        assertThatThrownBy(() -> RegionDetection.detect(size, magic, major, minor))
                .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
    }

    @ParameterizedTest(name = "magic checked before size: {0} bytes")
    @CsvSource({"12", "804681", "1197896", "2008953"})
    void rejectsAMissingMagicWhateverTheSize(long size) {
        assertThatThrownBy(() -> RegionDetection.detect(size, MAGIC + 1, 1, 2))
                .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGION));
    }
}
