/* A struct of our own, to prove that the layout proof notices a wrong Java layout. */
#include <stdint.h>
#include "probe.h"

typedef struct {
    int32_t small;
    uint64_t wide;
    char name[3];
    uint16_t tail;
} hami_probe_selftest_t;

int main(void) {
    PROBE_STRUCT(hami_probe_selftest_t);
    PROBE_MEMBER(hami_probe_selftest_t, small);
    PROBE_MEMBER(hami_probe_selftest_t, wide);
    PROBE_MEMBER(hami_probe_selftest_t, name);
    PROBE_MEMBER(hami_probe_selftest_t, tail);
    return 0;
}
