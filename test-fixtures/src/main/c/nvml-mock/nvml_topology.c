/*
 * How GPUs are connected: the PCIe common ancestor of two GPUs, their P2P capability, and each GPU's NVLinks
 * with the PCI address and kind of what is at their other end. A GPU whose profile lists no NVLink answers
 * NOT_SUPPORTED, as a PCIe board does; a link index beyond those listed answers INVALID_ARGUMENT.
 */
#include "mock.h"

#include <string.h>

static nvmlReturn_t check_pair(nvmlDevice_t a, nvmlDevice_t b, mock_fn fn, const void *out) {
    nvmlReturn_t rc = mock_check_device(a, fn);
    if (rc == NVML_SUCCESS) {
        rc = mock_check_device(b, fn);
    }
    if (rc == NVML_SUCCESS && (out == NULL || a == b)) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    return rc;
}

static nvmlReturn_t check_link(nvmlDevice_t device, unsigned int link, mock_fn fn, const void *out) {
    nvmlReturn_t rc = mock_check_device(device, fn);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (out == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->nvlink_count == 0) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    return link < device->nvlink_count ? NVML_SUCCESS : NVML_ERROR_INVALID_ARGUMENT;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetTopologyCommonAncestor(nvmlDevice_t device1, nvmlDevice_t device2,
                                                           nvmlGpuTopologyLevel_t *pathInfo) {
    nvmlReturn_t rc = check_pair(device1, device2, FN_nvmlDeviceGetTopologyCommonAncestor, pathInfo);
    if (rc == NVML_SUCCESS) {
        *pathInfo = device1->ancestors[device2->index];
    }
    return rc;
}

/* Active links of a leading to b's PCI address. */
static unsigned direct_links(nvmlDevice_t a, nvmlDevice_t b) {
    unsigned n = 0;
    for (unsigned i = 0; i < a->nvlink_count; i++) {
        if (a->nvlinks[i].active && a->nvlinks[i].remote_type == NVML_NVLINK_DEVICE_TYPE_GPU
                && strcmp(a->nvlinks[i].remote.busId, b->pci.busId) == 0) {
            n++;
        }
    }
    return n;
}

static unsigned switch_links(nvmlDevice_t a) {
    unsigned n = 0;
    for (unsigned i = 0; i < a->nvlink_count; i++) {
        n += a->nvlinks[i].active && a->nvlinks[i].remote_type == NVML_NVLINK_DEVICE_TYPE_SWITCH;
    }
    return n;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetP2PStatus(nvmlDevice_t device1, nvmlDevice_t device2,
                                              nvmlGpuP2PCapsIndex_t p2pIndex, nvmlGpuP2PStatus_t *p2pStatus) {
    nvmlReturn_t rc = check_pair(device1, device2, FN_nvmlDeviceGetP2PStatus, p2pStatus);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    int nvlink = direct_links(device1, device2) > 0 || (switch_links(device1) > 0 && switch_links(device2) > 0);
    switch (p2pIndex) {
    case NVML_P2P_CAPS_INDEX_NVLINK:
        *p2pStatus = nvlink ? NVML_P2P_STATUS_OK : NVML_P2P_STATUS_NOT_SUPPORTED;
        return NVML_SUCCESS;
    case NVML_P2P_CAPS_INDEX_READ:
    case NVML_P2P_CAPS_INDEX_WRITE:
    case NVML_P2P_CAPS_INDEX_ATOMICS:
    case NVML_P2P_CAPS_INDEX_PCI:
        /* Across the CPUs' interconnect PCIe P2P is refused; through NVLink or below one host bridge it works. */
        *p2pStatus = nvlink || device1->ancestors[device2->index] <= NVML_TOPOLOGY_HOSTBRIDGE
                ? NVML_P2P_STATUS_OK : NVML_P2P_STATUS_CHIPSET_NOT_SUPPORED;
        return NVML_SUCCESS;
    default:
        return NVML_ERROR_INVALID_ARGUMENT;
    }
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetNvLinkState(nvmlDevice_t device, unsigned int link, nvmlEnableState_t *isActive) {
    nvmlReturn_t rc = check_link(device, link, FN_nvmlDeviceGetNvLinkState, isActive);
    if (rc == NVML_SUCCESS) {
        *isActive = device->nvlinks[link].active ? NVML_FEATURE_ENABLED : NVML_FEATURE_DISABLED;
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetNvLinkRemotePciInfo_v2(nvmlDevice_t device, unsigned int link, nvmlPciInfo_t *pci) {
    nvmlReturn_t rc = check_link(device, link, FN_nvmlDeviceGetNvLinkRemotePciInfo_v2, pci);
    if (rc == NVML_SUCCESS) {
        *pci = device->nvlinks[link].remote;
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetNvLinkRemoteDeviceType(nvmlDevice_t device, unsigned int link,
                                                           nvmlIntNvLinkDeviceType_t *pNvLinkDeviceType) {
    nvmlReturn_t rc = check_link(device, link, FN_nvmlDeviceGetNvLinkRemoteDeviceType, pNvLinkDeviceType);
    if (rc == NVML_SUCCESS) {
        *pNvLinkDeviceType = device->nvlinks[link].remote_type;
    }
    return rc;
}
