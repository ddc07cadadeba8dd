/* Scripted values for the fake vendor libraries (fake_nvml.c, fake_dcmi.c).
 *
 * A script is a text file, re-read on every call so a test can change values between reads:
 *     # comment
 *     count 2
 *     name.0 NVIDIA H100 80GB HBM3
 *     fail.nvmlDeviceGetPowerUsage.1 3
 * A key may carry a suffix (`.0`, `.3.0`) naming one device; the plain key is the value for
 * every device. `fail.<function>` makes that function return the given error code. */
#ifndef TB_FAKE_SCRIPT_H
#define TB_FAKE_SCRIPT_H

#include <stddef.h>

/* The value of `key.suffix`, else of `key` (suffix may be NULL), from the script named by the
 * environment variable `env_name`, copied into `out`. Returns 1 when found, 0 when not. */
int fake_script_string(const char* env_name, const char* key, const char* suffix, char* out,
                       size_t size);

/* Like fake_script_string for an integer value. */
int fake_script_int(const char* env_name, const char* key, const char* suffix, long long* out);

/* The error code scripted for `function` (as `fail.<function>[.suffix]`), or 0. */
int fake_script_failure(const char* env_name, const char* function, const char* suffix);

#endif
