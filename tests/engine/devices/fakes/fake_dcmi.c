/* A stand-in for libdcmi.so exporting the DCMI functions Trainbench calls, with values from the
 * script named by FAKE_DCMI_SCRIPT (fake_script.h). Its types are declared here from Huawei's
 * DCMI API reference, independently of plugins/npu/DcmiApi.h, so that a mistake there shows.
 *
 * Keys: cards (the card ids, `0 1`), devices (chips per card), logic, chip_type, chip_name,
 * aicore (%), hbm_total_mb / hbm_used_mb, ddr_total_mb / ddr_available_mb, power (0.1 W),
 * temperature (C), aicore_mhz, driver; per chip with a `.<card>.<device>` suffix (devices with
 * `.<card>`). A missing chip value answers "not supported". */
#include "fake_script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_EXPORT __attribute__((visibility("default")))
#define SCRIPT "FAKE_DCMI_SCRIPT"
#define MAX_CHIP_NAME_LEN 32

enum {
    DCMI_OK = 0,
    DCMI_ERR_INVALID_PARAMETER = -8001,
    DCMI_ERR_NOT_SUPPORTED = -8255,
    DCMI_UTILIZATION_RATE_AICORE = 2,
    DCMI_FREQ_AICORE_CURRENT = 7
};

struct dcmi_chip_info {
    unsigned char chip_type[MAX_CHIP_NAME_LEN];
    unsigned char chip_name[MAX_CHIP_NAME_LEN];
    unsigned char chip_ver[MAX_CHIP_NAME_LEN];
    unsigned int aicore_cnt;
};

struct dcmi_hbm_info {
    unsigned long long memory_size;
    unsigned int freq;
    unsigned long long memory_usage;
    int temp;
    unsigned int bandwith_util_rate;
};

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

/* The scripted integer `key` of chip (card, device), or the error the call returns. */
static int chip_value(const char* function, int card, int device, const char* key,
                      long long* value) {
    char suffix[32];
    int failure;
    snprintf(suffix, sizeof suffix, "%d.%d", card, device);
    if ((failure = fake_script_failure(SCRIPT, function, suffix)) != 0)
        return failure;
    return fake_script_int(SCRIPT, key, suffix, value) ? DCMI_OK : DCMI_ERR_NOT_SUPPORTED;
}

static void copy_name(unsigned char* out, const char* key, const char* suffix) {
    char text[MAX_CHIP_NAME_LEN];
    if (fake_script_string(SCRIPT, key, suffix, text, sizeof text))
        memcpy(out, text, strlen(text) + 1);
}

FAKE_EXPORT int dcmi_init(void) {
    return fake_script_failure(SCRIPT, "dcmi_init", NULL);
}

FAKE_EXPORT int dcmi_get_card_num_list(int* card_num, int* card_list, int list_len) {
    char text[256];
    char* cursor = text;
    char* end;
    int failure = fake_script_failure(SCRIPT, "dcmi_get_card_num_list", NULL);
    if (failure)
        return failure;
    *card_num = 0;
    if (!fake_script_string(SCRIPT, "cards", NULL, text, sizeof text))
        return DCMI_OK;
    for (long id = strtol(cursor, &end, 10); end != cursor; id = strtol(cursor, &end, 10)) {
        if (*card_num >= list_len)
            return DCMI_ERR_INVALID_PARAMETER;
        card_list[(*card_num)++] = (int)id;
        cursor = end;
    }
    return DCMI_OK;
}

FAKE_EXPORT int dcmi_get_device_num_in_card(int card_id, int* device_num) {
    char suffix[16];
    long long count = 0;
    snprintf(suffix, sizeof suffix, "%d", card_id);
    if (!fake_script_int(SCRIPT, "devices", suffix, &count))
        return DCMI_ERR_INVALID_PARAMETER;
    *device_num = (int)count;
    return DCMI_OK;
}

FAKE_EXPORT int dcmi_get_device_logic_id(int* device_logic_id, int card_id, int device_id) {
    long long value = 0;
    int result = chip_value("dcmi_get_device_logic_id", card_id, device_id, "logic", &value);
    if (result == DCMI_OK)
        *device_logic_id = (int)value;
    return result;
}

FAKE_EXPORT int dcmi_get_device_chip_info(int card_id, int device_id,
                                          struct dcmi_chip_info* chip_info) {
    char suffix[32];
    int failure;
    snprintf(suffix, sizeof suffix, "%d.%d", card_id, device_id);
    if ((failure = fake_script_failure(SCRIPT, "dcmi_get_device_chip_info", suffix)) != 0)
        return failure;
    memset(chip_info, 0, sizeof *chip_info);
    copy_name(chip_info->chip_type, "chip_type", suffix);
    copy_name(chip_info->chip_name, "chip_name", suffix);
    chip_info->aicore_cnt = 24;
    return DCMI_OK;
}

FAKE_EXPORT int dcmi_get_device_utilization_rate(int card_id, int device_id, int input_type,
                                                 unsigned int* utilization_rate) {
    long long value = 0;
    int result;
    if (input_type != DCMI_UTILIZATION_RATE_AICORE)
        return DCMI_ERR_NOT_SUPPORTED; /* only AI Core utilization is scripted */
    result = chip_value("dcmi_get_device_utilization_rate", card_id, device_id, "aicore", &value);
    if (result == DCMI_OK)
        *utilization_rate = (unsigned int)value;
    return result;
}

FAKE_EXPORT int dcmi_get_device_hbm_info(int card_id, int device_id,
                                         struct dcmi_hbm_info* hbm_info) {
    long long total = 0;
    long long used = 0;
    int result = chip_value("dcmi_get_device_hbm_info", card_id, device_id, "hbm_total_mb", &total);
    if (result == DCMI_OK)
        result = chip_value("dcmi_get_device_hbm_info", card_id, device_id, "hbm_used_mb", &used);
    if (result != DCMI_OK)
        return result;
    memset(hbm_info, 0, sizeof *hbm_info);
    hbm_info->memory_size = (unsigned long long)total;
    hbm_info->memory_usage = (unsigned long long)used;
    hbm_info->freq = 1600;
    hbm_info->temp = 45;
    return DCMI_OK;
}

FAKE_EXPORT int dcmi_get_device_memory_info_v3(int card_id, int device_id,
                                               struct dcmi_get_memory_info_stru* memory_info) {
    long long total = 0;
    long long available = 0;
    int result =
        chip_value("dcmi_get_device_memory_info_v3", card_id, device_id, "ddr_total_mb", &total);
    if (result == DCMI_OK)
        result = chip_value("dcmi_get_device_memory_info_v3", card_id, device_id,
                            "ddr_available_mb", &available);
    if (result != DCMI_OK)
        return result;
    memset(memory_info, 0, sizeof *memory_info);
    memory_info->memory_size = (unsigned long long)total;
    memory_info->memory_available = (unsigned long long)available;
    return DCMI_OK;
}

FAKE_EXPORT int dcmi_get_device_power_info(int card_id, int device_id, int* power) {
    long long value = 0;
    int result = chip_value("dcmi_get_device_power_info", card_id, device_id, "power", &value);
    if (result == DCMI_OK)
        *power = (int)value;
    return result;
}

FAKE_EXPORT int dcmi_get_device_temperature(int card_id, int device_id, int* temperature) {
    long long value = 0;
    int result =
        chip_value("dcmi_get_device_temperature", card_id, device_id, "temperature", &value);
    if (result == DCMI_OK)
        *temperature = (int)value;
    return result;
}

FAKE_EXPORT int dcmi_get_device_frequency(int card_id, int device_id, int input_type,
                                          unsigned int* frequency) {
    long long value = 0;
    int result;
    if (input_type != DCMI_FREQ_AICORE_CURRENT)
        return DCMI_ERR_NOT_SUPPORTED; /* only the AI Core's current clock is scripted */
    result = chip_value("dcmi_get_device_frequency", card_id, device_id, "aicore_mhz", &value);
    if (result == DCMI_OK)
        *frequency = (unsigned int)value;
    return result;
}

FAKE_EXPORT int dcmi_get_driver_version(char* driver_ver, unsigned int len) {
    char text[128];
    if (!fake_script_string(SCRIPT, "driver", NULL, text, sizeof text))
        return DCMI_ERR_NOT_SUPPORTED;
    if (strlen(text) >= len)
        return DCMI_ERR_INVALID_PARAMETER;
    strcpy(driver_ver, text);
    return DCMI_OK;
}
