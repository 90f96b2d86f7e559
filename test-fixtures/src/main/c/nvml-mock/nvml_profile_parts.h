/* The NVML-only reads of a device profile (nvml_profile_parts.c), beside the shared ones of profile_read.h. */
#ifndef NVML_MOCK_PROFILE_PARTS_H
#define NVML_MOCK_PROFILE_PARTS_H

#include "mock.h"
#include "profile_read.h"

int pf_pci(pf_ctx *c, const json_value *d, nvmlPciInfo_t *pci);
int pf_processes(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev);
/* "nvlinks": [{"remotePciBusId": "...", "remoteType": "gpu"|"switch"|"ibmnpu", "active": true}], link i at i. */
int pf_nvlinks(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev);
/* "commonAncestor": one level name per device of the machine (checked against the count by pf_ancestors_done). */
int pf_ancestors(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev);
/* After every device is read: rows of the right length, symmetric, and a default row from the NUMA nodes. */
/* "migProfiles": a MIG table's model; "migInstances": [{"profile": "1g.5gb", "start": 0}], each made with one
 * compute instance over all of it, on a GPU whose migMode is current. */
int pf_mig(pf_ctx *c, const json_value *d, mock_machine *m, struct nvmlDevice_st *dev);
int pf_ancestors_done(pf_ctx *c, const json_value *devices, mock_machine *m);

#endif
