/* Layout probe for hami/ixml.h. IXML lays out no struct of its own: the header includes hami/nvml.h, whose
 * probe proves the structs IXML fills. This one prints IXML's health bits; IxmlLayoutTest compares them. */
#include "hami/ixml.h"
#include "probe.h"

int main(void) {
    PROBE_CONST(IXML_HEALTH_OK);
    PROBE_CONST(IXML_HEALTH_OVERTEMP_ERROR);
    PROBE_CONST(IXML_HEALTH_PCIE_ERROR);
    return 0;
}
