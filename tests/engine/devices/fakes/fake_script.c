#include "fake_script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Finds `wanted` as a line's first word and copies the rest of the line (trimmed). */
static int find_value(const char* path, const char* wanted, char* out, size_t size) {
    FILE* file = fopen(path, "r");
    char line[512];
    int found = 0;
    if (!file)
        return 0;
    while (!found && fgets(line, sizeof line, file)) {
        size_t key_length = strcspn(line, " \t\r\n");
        char* value;
        size_t value_length;
        if (line[0] == '#' || key_length != strlen(wanted) || strncmp(line, wanted, key_length))
            continue;
        value = line + key_length;
        value += strspn(value, " \t");
        value_length = strcspn(value, "\r\n");
        while (value_length > 0 &&
               (value[value_length - 1] == ' ' || value[value_length - 1] == '\t'))
            --value_length;
        if (value_length >= size)
            value_length = size - 1;
        memcpy(out, value, value_length);
        out[value_length] = '\0';
        found = 1;
    }
    fclose(file);
    return found;
}

int fake_script_string(const char* env_name, const char* key, const char* suffix, char* out,
                       size_t size) {
    const char* path = getenv(env_name);
    char suffixed[256];
    if (!path || size == 0)
        return 0;
    if (suffix) {
        snprintf(suffixed, sizeof suffixed, "%s.%s", key, suffix);
        if (find_value(path, suffixed, out, size))
            return 1;
    }
    return find_value(path, key, out, size);
}

int fake_script_int(const char* env_name, const char* key, const char* suffix, long long* out) {
    char text[64];
    char* end;
    if (!fake_script_string(env_name, key, suffix, text, sizeof text))
        return 0;
    *out = strtoll(text, &end, 10);
    return end != text;
}

int fake_script_failure(const char* env_name, const char* function, const char* suffix) {
    char key[128];
    long long code = 0;
    snprintf(key, sizeof key, "fail.%s", function);
    return fake_script_int(env_name, key, suffix, &code) ? (int)code : 0;
}
