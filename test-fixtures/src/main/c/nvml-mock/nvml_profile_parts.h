/* The NVML-only reads of a device profile (nvml_profile_parts.c), beside the shared ones of profile_read.h. */
#ifndef NVML_MOCK_PROFILE_PARTS_H
#define NVML_MOCK_PROFILE_PARTS_H

#include "mock.h"
#include "profile_read.h"

int pf_pci(pf_ctx *c, const json_value *d, nvmlPciInfo_t *pci);
int pf_processes(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev);

#endif
