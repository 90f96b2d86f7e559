/*
 * hami-java's minimal view of Huawei Ascend's DCMI (libdcmi.so): only the types, constants, structs and
 * functions our bindings call and our C mock implements, written from the facts of Huawei's header and wrapper
 * (gcc, LP64; docs/vendors.md, "Ascend — DCMI"); it is not Huawei's header. Huawei's header marks every
 * function static, for inclusion into a dlsym wrapper only; the library itself exports them as plain symbols,
 * as declared here.
 *
 * Chips are addressed by (card id, device id) pairs; 0 is success and driver errors are negative. Versions are
 * spelled into names (_v2, _v3), each with its own struct: never fall back across them blindly.
 */
#ifndef HAMI_DCMI_H
#define HAMI_DCMI_H

#ifdef __cplusplus
extern "C" {
#endif

#define DCMI_OK 0
#define DCMI_ERR_INVALID_PARAMETER (-8001)
#define DCMI_ERR_PERMISSION (-8002)
#define DCMI_ERR_MEMORY (-8003)
#define DCMI_ERR_INTERNAL (-8005)
#define DCMI_ERR_TIMEOUT (-8006)
#define DCMI_ERR_INVALID_DEVICE_ID (-8007)
#define DCMI_ERR_DEVICE_NOT_EXIST (-8008)
#define DCMI_ERR_IOCTL (-8009)
#define DCMI_ERR_NOT_READY (-8012)
#define DCMI_ERR_NOT_SUPPORTED_IN_CONTAINER (-8013)
#define DCMI_ERR_RESOURCE_OCCUPIED (-8020)
#define DCMI_ERR_NOT_SUPPORTED (-8255)

#define DCMI_MAX_CARDS 64
#define DCMI_DIE_WORDS 5
#define DCMI_TEMPLATE_NAME_SIZE 32

enum dcmi_die_type { NDIE = 0, VDIE = 1 };

/* dcmi_get_device_utilization_rate input types. */
#define DCMI_UTILIZATION_AICORE 2
#define DCMI_UTILIZATION_HBM 6

/* dcmi_event_filter.filter_flag bits. */
#define DCMI_EVENT_FILTER_FLAG_EVENT_ID 0x1ULL
#define DCMI_EVENT_FILTER_FLAG_SEVERITY 0x2ULL
#define DCMI_EVENT_FILTER_FLAG_NODE_TYPE 0x4ULL
#define DCMI_DMS_FAULT_EVENT 0

struct dcmi_chip_info {
    unsigned char chip_type[32];
    unsigned char chip_name[32];
    unsigned char chip_ver[32];
    unsigned int aicore_cnt;
};

struct dcmi_pcie_info_all {
    unsigned int venderid;
    unsigned int subvenderid;
    unsigned int deviceid;
    unsigned int subdeviceid;
    int domain;
    unsigned int bdf_busid;
    unsigned int bdf_deviceid;
    unsigned int bdf_funcid;
    unsigned char reserve[32];
};

struct dcmi_die_id {
    unsigned int soc_die[DCMI_DIE_WORDS];
};

/* MB. */
struct dcmi_hbm_info {
    unsigned long long memory_size;
    unsigned int freq;
    unsigned long long memory_usage;
    int temp;
    unsigned int bandwith_util_rate;
};

/* MB, hugepages in KB. 112 bytes on LP64, whatever Huawei's comment says. */
struct dcmi_get_memory_info_stru {
    unsigned long long memory_size;
    unsigned long long memory_available;
    unsigned int freq;
    unsigned long hugepagesize;
    unsigned long hugepages_total;
    unsigned long hugepages_free;
    unsigned int utiliza;
    unsigned char reserve[60];
};

/* Passed by value to dcmi_subscribe_fault_event. */
struct dcmi_event_filter {
    unsigned long long filter_flag;
    unsigned int event_id;
    unsigned char severity;
    unsigned char node_type;
    unsigned char resv[32];
};

struct dcmi_dms_fault_event {
    unsigned int event_id;
    unsigned short deviceid;
    unsigned char node_type;
    unsigned char node_id;
    unsigned char sub_node_type;
    unsigned char sub_node_id;
    unsigned char severity;
    unsigned char assertion;
    int event_serial_num;
    int notify_serial_num;
    unsigned long long alarm_raised_time;
    char event_name[256];
    char additional_info[32];
    unsigned char resv[32];
};

struct dcmi_event {
    int type;
    union {
        struct dcmi_dms_fault_event dms_event;
    } event_t;
};

typedef void (*dcmi_fault_event_callback)(struct dcmi_event *event);

struct dcmi_create_vdev_res_stru {
    unsigned int vdev_id;
    unsigned int vfg_id;
    char template_name[DCMI_TEMPLATE_NAME_SIZE];
    unsigned char reserved[64];
};

struct dcmi_create_vdev_out {
    unsigned int vdev_id;
    unsigned int pcie_bus;
    unsigned int pcie_device;
    unsigned int pcie_func;
    unsigned int vfg_id;
    unsigned char reserved[32];
};

/* Typedef names for the layout probe, which names types without spaces. */
typedef struct dcmi_chip_info dcmi_chip_info_t;
typedef struct dcmi_pcie_info_all dcmi_pcie_info_all_t;
typedef struct dcmi_die_id dcmi_die_id_t;
typedef struct dcmi_hbm_info dcmi_hbm_info_t;
typedef struct dcmi_get_memory_info_stru dcmi_get_memory_info_stru_t;
typedef struct dcmi_event_filter dcmi_event_filter_t;
typedef struct dcmi_dms_fault_event dcmi_dms_fault_event_t;
typedef struct dcmi_event dcmi_event_t;
typedef struct dcmi_create_vdev_res_stru dcmi_create_vdev_res_stru_t;
typedef struct dcmi_create_vdev_out dcmi_create_vdev_out_t;

int dcmi_init(void);
int dcmi_get_card_list(int *card_num, int *card_list, int list_len);
int dcmi_get_device_num_in_card(int card_id, int *device_num);
int dcmi_get_device_logic_id(int *device_logic_id, int card_id, int device_id);
int dcmi_get_device_phyid_from_logicid(unsigned int logicid, unsigned int *phyid);
/* Output first, as in Huawei's header. */
int dcmi_get_card_id_device_id_from_logicid(int *card_id, int *device_id, unsigned int device_logic_id);
int dcmi_get_device_die_v2(int card_id, int device_id, enum dcmi_die_type input_type, struct dcmi_die_id *die_id);
int dcmi_get_device_chip_info(int card_id, int device_id, struct dcmi_chip_info *chip_info);
int dcmi_get_device_memory_info_v3(int card_id, int device_id, struct dcmi_get_memory_info_stru *memory_info);
int dcmi_get_device_hbm_info(int card_id, int device_id, struct dcmi_hbm_info *hbm_info);
int dcmi_get_device_utilization_rate(int card_id, int device_id, int input_type, unsigned int *utilization_rate);
int dcmi_get_device_pcie_info_v2(int card_id, int device_id, struct dcmi_pcie_info_all *pcie_info);
/* 0 = healthy; otherwise an alarm level. */
int dcmi_get_device_health(int card_id, int device_id, unsigned int *health);
/* Huawei's header declares three parameters; the exported symbol takes the callback as a fourth. */
int dcmi_subscribe_fault_event(int card_id, int device_id, struct dcmi_event_filter filter,
                               dcmi_fault_event_callback callback);
int dcmi_create_vdevice(int card_id, int device_id, struct dcmi_create_vdev_res_stru *vdev,
                        struct dcmi_create_vdev_out *out);
int dcmi_set_destroy_vdevice(int card_id, int device_id, unsigned int vdevid);

#ifdef __cplusplus
}
#endif

#endif
