/* What list, info and status show, gathered once as JSON (json-c) so that `--json` and the text
 * output cannot disagree: the CLI prints the object or renders it as text.
 *
 * A patch entry: {name, loaded, enabled, transition (null when not loaded), installed, file,
 * description, fix_ids[], source_sha256, vermagic, signer, objects[{name, patched,
 * functions[{name, sympos, patched}]}] (objects from sysfs when loaded, else from the .ko with
 * patched null; info only)}.
 */
#ifndef SUTURE_MANAGER_REPORT_H
#define SUTURE_MANAGER_REPORT_H

#include <stddef.h>

struct json_object;

/* Every loaded livepatch and every one installed for the running release: an array of entries
 * (without objects). NULL with why filled on failure. */
struct json_object *report_list(char *why, size_t why_size);

/* One patch, by .ko path or by name (loaded or installed), with its objects when loaded. */
struct json_object *report_info(const char *what, char *why, size_t why_size);

/* {kernel, livepatch{supported, sysfs, config, config_file}, taint{value, flags[]}, patches[],
 * fix_ids[], events[], reboot_recommended, reboot_reasons[]}. */
struct json_object *report_status(char *why, size_t why_size);

#endif
