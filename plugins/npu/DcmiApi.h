// The few DCMI types and functions we call, declared after Huawei's DCMI API reference
// (dcmi_interface_api.h of the Ascend driver): no vendor header is needed to build.
#pragma once

namespace tb::npu {

constexpr int DCMI_OK = 0;           ///< every call returns 0 or a negative error code
constexpr int kDcmiMaxCards = 64;    ///< MAX_CARD_NUM
constexpr int kDcmiChipNameLen = 32; ///< MAX_CHIP_NAME_LEN
constexpr int kDcmiDriverVersionLen = 64;
constexpr int DCMI_UTILIZATION_RATE_AICORE = 2; ///< input_type of the utilization call
constexpr int DCMI_FREQ_AICORE_CURRENT = 7;     ///< enum dcmi_freq_type

/// struct dcmi_chip_info.
struct dcmi_chip_info {
    unsigned char chip_type[kDcmiChipNameLen]; ///< `Ascend`
    unsigned char chip_name[kDcmiChipNameLen]; ///< `910B3`
    unsigned char chip_ver[kDcmiChipNameLen];
    unsigned int aicore_cnt;
};

/// struct dcmi_hbm_info: sizes in MB.
struct dcmi_hbm_info {
    unsigned long long memory_size;
    unsigned int freq;
    unsigned long long memory_usage;
    int temp;
    unsigned int bandwith_util_rate;
};

/// struct dcmi_get_memory_info_stru (dcmi_get_device_memory_info_v3): the DDR of chips
/// without HBM; sizes in MB.
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

/// Function pointers into libdcmi.so, resolved by Dcmi::open(); the optional ones may be null.
struct DcmiApi {
    int (*init)();
    /// dcmi_get_card_num_list (dcmi_get_card_list in newer drivers, same arguments).
    int (*getCardList)(int* cardCount, int* cards, int listLength);
    int (*getDeviceNumInCard)(int card, int* deviceCount);
    int (*getChipInfo)(int card, int device, dcmi_chip_info*);
    int (*getUtilizationRate)(int card, int device, int inputType, unsigned int* percent);
    int (*getHbmInfo)(int card, int device, dcmi_hbm_info*);
    int (*getPowerInfo)(int card, int device, int* tenthsOfWatt); ///< 0.1 W units
    int (*getTemperature)(int card, int device, int* celsius);
    int (*getFrequency)(int card, int device, int freqType, unsigned int* mhz);
    /// Optional ones.
    int (*getMemoryInfoV3)(int card, int device, dcmi_get_memory_info_stru*);
    int (*getLogicId)(int* logicId, int card, int device); ///< dcmi_get_device_logic_id
    int (*getDriverVersion)(char* text, unsigned int length);
};

} // namespace tb::npu
