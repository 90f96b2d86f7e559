/*
 * hami-java's minimal view of Iluvatar CoreX's IXML (libixml.so), written from the facts of go-ixml's header
 * (docs/vendors.md, "Iluvatar — IXML"); it is not Iluvatar's header. IXML is a subset of NVML: it exports
 * NVML's names with NVML's structs and return codes (hami/nvml.h), and four functions of its own, declared
 * here. Of NVML it lacks MIG, NVLink, the _v2/_v3 process lists (only the plain one, with 16-byte entries) and,
 * perhaps, nvmlErrorString.
 */
#ifndef HAMI_IXML_H
#define HAMI_IXML_H

#include "hami/nvml.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ixmlDeviceGetHealth: a bit mask, 0 = healthy. */
#define IXML_HEALTH_OK 0x0ULL
#define IXML_HEALTH_SYSHUB_ERROR 0x1ULL
#define IXML_HEALTH_MC_ERROR 0x2ULL
#define IXML_HEALTH_OVERTEMP_ERROR 0x4ULL
#define IXML_HEALTH_OVERVOLT_ERROR 0x8ULL
#define IXML_HEALTH_ECC_ERROR 0x10ULL
#define IXML_HEALTH_MEMORY_ERROR 0x20ULL
#define IXML_HEALTH_PCIE_ERROR 0x40ULL

nvmlReturn_t ixmlDeviceGetHealth(nvmlDevice_t device, unsigned long long *health);
nvmlReturn_t ixmlDeviceGetBoardPosition(nvmlDevice_t device, unsigned int *position);
nvmlReturn_t ixmlDeviceGetGPUVoltage(nvmlDevice_t device, unsigned int *integer, unsigned int *decimal);
/* Sic: "Erros" is the exported spelling. */
nvmlReturn_t ixmlDeviceGetEccErros(nvmlDevice_t device, unsigned int *single_error, unsigned int *double_error);

#ifdef __cplusplus
}
#endif

#endif
