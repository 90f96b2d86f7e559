package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every branch of the detection rule, on its edges. */
class RegionDetectionTest {
    private static final int MAGIC = RegionDetection.MAGIC;

    @ParameterizedTest(name = "{0} bytes, major {2}, minor {3} -> {4} (version {5})")
    @CsvSource({
            // size,   magic,    major, minor, layout, version stated
            "2008953,  19920718, 1,     2,     V1_2,   1.2",            // libvgpu's file: sizeof + 1
            "2008952,  19920718, 1,     2,     V1_2,   1.2",            // exactly sizeof
            "2008953,  19920718, 1,     1,     V1_1,   1.1",
            "9999999,  19920718, 1,     2,     V1_2,   1.2",            // longer files are accepted
            "1197897,  19920718, 0,     0,     V0,     v0",             // v0's file: sizeof + 1
            "1197896,  19920718, 0,     0,     V0,     v0",
            "1500000,  19920718, 7,     3,     V0,     v0",             // v0 by size when the words claim no 1.x version
            "1197897,  19920718, 1,     0,     V0,     v0",             // v0 with sm_init_flag 1 and a free semaphore: no "1.0" exists
    })
    void detectsTheLayout(long size, int magic, int major, int minor, RegionFormat layout, String version) throws Exception {
        var header = RegionDetection.detect(size, magic, major, minor);
        assertThat(header).isEqualTo(new RegionHeader(layout, version));
        assertThat(header.knownVersion()).isTrue();
        assertThat(header.unknownVersionNote()).isEmpty();
    }

    @ParameterizedTest(name = "version 1.{0} is read as 1.2 and flagged unknown")
    @CsvSource({
            // minor, as stated
            "0,       1.0",           // HAMi does not check the minor, and no 1.0 ever existed
            "3,       1.3",           // a later minor keeps the offsets of its major
            "7,       1.7",
            "-1,      1.4294967295",  // minor is unsigned
    })
    void readsAMinorVersionItDoesNotKnowWithTheNewest1xLayoutAndSaysSo(int minor, String version) throws Exception {
        var header = RegionDetection.detect(2_008_953, MAGIC, 1, minor);
        assertThat(header).isEqualTo(new RegionHeader(RegionFormat.V1_2, version));
        assertThat(header.knownVersion()).isFalse();
        assertThat(header.unknownVersionNote())
                .isEqualTo("unknown version " + version + ": read with the newest 1.x layout, 1.2, as HAMi-core's major version allows");
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
