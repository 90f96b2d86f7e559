/*
 * The four functions Iluvatar's libixml.so exports beside NVML's names, built only into the IXML variant of
 * this mock (-DMOCK_IXML). They answer from the device's "ixml" profile member, through the same gate as
 * every NVML device call; faults are injected under their own names.
 */
#include "hami/ixml.h"
#include "mock.h"

static nvmlReturn_t gate(nvmlDevice_t device, mock_fn fn, const void *a, const void *b) {
    nvmlReturn_t rc = mock_check_device(device, fn);
    return rc != NVML_SUCCESS ? rc : a == NULL || b == NULL ? NVML_ERROR_INVALID_ARGUMENT : NVML_SUCCESS;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT nvmlReturn_t ixmlDeviceGetHealth(nvmlDevice_t device, unsigned long long *health) {
    nvmlReturn_t rc = gate(device, FN_ixmlDeviceGetHealth, health, health);
    if (rc == NVML_SUCCESS) {
        *health = device->ixml_health;
    }
    return rc;
}
#endif

MOCK_EXPORT nvmlReturn_t ixmlDeviceGetBoardPosition(nvmlDevice_t device, unsigned int *position) {
    nvmlReturn_t rc = gate(device, FN_ixmlDeviceGetBoardPosition, position, position);
    if (rc == NVML_SUCCESS) {
        *position = device->ixml_board_position;
    }
    return rc;
}

/* Volts as an integer part and a decimal part in millivolts: 0.85 V is (0, 850). */
MOCK_EXPORT nvmlReturn_t ixmlDeviceGetGPUVoltage(nvmlDevice_t device, unsigned int *integer, unsigned int *decimal) {
    nvmlReturn_t rc = gate(device, FN_ixmlDeviceGetGPUVoltage, integer, decimal);
    if (rc == NVML_SUCCESS) {
        *integer = device->ixml_voltage_mv / 1000;
        *decimal = device->ixml_voltage_mv % 1000;
    }
    return rc;
}

MOCK_EXPORT nvmlReturn_t ixmlDeviceGetEccErros(nvmlDevice_t device, unsigned int *single_error, unsigned int *double_error) {
    nvmlReturn_t rc = gate(device, FN_ixmlDeviceGetEccErros, single_error, double_error);
    if (rc == NVML_SUCCESS) {
        *single_error = device->ixml_ecc_single;
        *double_error = device->ixml_ecc_double;
    }
    return rc;
}
