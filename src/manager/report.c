/* Gathering list/info/status as JSON; see report.h. */
#include "manager/report.h"
#include "manager/events.h"
#include "manager/install.h"
#include "manager/kofuncs.h"
#include "manager/kernel.h"
#include "manager/modinfo.h"
#include "manager/origin.h"
#include "manager/korelocs.h"
#include "manager/sysfs.h"

#include <errno.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct json_object *string_or_null(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static struct json_object *state_or_null(bool loaded, int value)
{
	return loaded && value >= 0 ? json_object_new_boolean(value) : NULL;
}

static void add_modinfo(struct json_object *entry, const struct ko_info *info)
{
	struct json_object *fixes = json_object_new_array();

	for (size_t i = 0; i < info->n_fix_ids; i++)
		json_object_array_add(fixes, json_object_new_string(info->fix_ids[i]));
	json_object_object_add(entry, "description", string_or_null(info->description));
	json_object_object_add(entry, "fix_ids", fixes);
	json_object_object_add(entry, "source_sha256", string_or_null(info->source_sha256));
	json_object_object_add(entry, "vermagic", string_or_null(info->vermagic));
	json_object_object_add(entry, "signer", string_or_null(info->signer));
}

static struct json_object *objects_of(const struct lp_patch *patch)
{
	struct json_object *objs = json_object_new_array();

	for (size_t i = 0; i < patch->n_objs; i++) {
		const struct lp_object *o = &patch->objs[i];
		struct json_object *obj = json_object_new_object(), *funcs = json_object_new_array();

		json_object_object_add(obj, "name", json_object_new_string(o->name));
		json_object_object_add(obj, "patched", state_or_null(true, o->patched));
		/* The kernel patches an object's functions together: each is as patched as its object. */
		for (size_t j = 0; j < o->n_funcs; j++) {
			struct json_object *f = json_object_new_object();

			json_object_object_add(f, "name", json_object_new_string(o->funcs[j].name));
			json_object_object_add(f, "sympos", json_object_new_int64(o->funcs[j].sympos));
			json_object_object_add(f, "patched", state_or_null(true, o->patched));
			json_object_array_add(funcs, f);
		}
		json_object_object_add(obj, "functions", funcs);
		json_object_array_add(objs, obj);
	}
	return objs;
}

/* The objects and functions a module file replaces, grouped by object, none patched (it is not
 * loaded); NULL when the file's layout is not recognised. */
static struct json_object *objects_of_file(const char *file)
{
	struct json_object *objs, *obj = NULL, *funcs = NULL;
	struct ko_func *f;
	size_t n;

	if (ko_funcs(file, &f, &n) || n == 0) {
		free(f);
		return NULL;
	}
	objs = json_object_new_array();
	for (size_t i = 0; i < n; i++) {
		struct json_object *func = json_object_new_object();

		if (!obj || strcmp(f[i].object, f[i - 1].object) != 0) {
			obj = json_object_new_object();
			funcs = json_object_new_array();
			json_object_object_add(obj, "name", json_object_new_string(f[i].object));
			json_object_object_add(obj, "patched", NULL);
			json_object_object_add(obj, "functions", funcs);
			json_object_array_add(objs, obj);
		}
		json_object_object_add(func, "name", json_object_new_string(f[i].name));
		json_object_object_add(func, "sympos", json_object_new_int64(f[i].sympos));
		json_object_object_add(func, "patched", NULL);
		json_object_array_add(funcs, func);
	}
	free(f);
	return objs;
}

/* One entry for a patch name; file is its .ko when known (NULL otherwise). */
static struct json_object *entry_for(const char *name, const char *file, bool installed,
				     bool with_objects)
{
	struct json_object *entry = json_object_new_object();
	struct lp_patch patch;
	struct ko_info info;
	char why[256];
	bool loaded = lp_read(name, &patch) == 0;

	json_object_object_add(entry, "name", json_object_new_string(name));
	json_object_object_add(entry, "loaded", json_object_new_boolean(loaded));
	json_object_object_add(entry, "enabled", state_or_null(loaded, loaded ? patch.enabled : -1));
	json_object_object_add(entry, "transition",
			       state_or_null(loaded, loaded ? patch.transition : -1));
	json_object_object_add(entry, "installed", json_object_new_boolean(installed));
	json_object_object_add(entry, "file", string_or_null(file));
	if (file && ko_read(file, &info, why, sizeof(why)) == 0) {
		add_modinfo(entry, &info);
		ko_free(&info);
	} else {
		json_object_object_add(entry, "fix_ids", json_object_new_array());
	}
	if (loaded) {
		if (with_objects)
			json_object_object_add(entry, "objects", objects_of(&patch));
		lp_patch_free(&patch);
	} else if (with_objects && file) {
		struct json_object *objs = objects_of_file(file);

		if (objs)
			json_object_object_add(entry, "objects", objs);
	}
	return entry;
}

/* The file a patch name is known by: where it was loaded from, else its installed copy. */
static const char *file_of(const char *name, const char *release, char *buf, size_t size,
			   bool *installed)
{
	char inst[PATH_MAX];

	*installed = install_find(name, release, inst, sizeof(inst)) == 0;
	if (origin_lookup(name, buf, size) == 0)
		return buf;
	if (*installed && (size_t)snprintf(buf, size, "%s", inst) < size)
		return buf;
	return NULL;
}

static struct json_object *entries(const char *release, bool loaded_only, char *why, size_t why_size)
{
	struct json_object *list = json_object_new_array();
	struct installed *inst = NULL;
	char **names = NULL;
	size_t n_names = 0, n_inst = 0;
	int err;

	err = lp_sysfs_present() ? lp_names(&names, &n_names) : 0;
	if (!err && !loaded_only)
		err = install_list(release, &inst, &n_inst);
	if (err) {
		snprintf(why, why_size, "%s", strerror(-err));
		json_object_put(list);
		list = NULL;
		goto out;
	}
	for (size_t i = 0; i < n_names; i++) {
		char file[PATH_MAX];
		bool installed;
		const char *path = file_of(names[i], release, file, sizeof(file), &installed);

		json_object_array_add(list, entry_for(names[i], path, installed, loaded_only));
	}
	for (size_t i = 0; i < n_inst; i++)
		if (!lp_exists(inst[i].name))
			json_object_array_add(list, entry_for(inst[i].name, inst[i].path, true, false));
out:
	lp_names_free(names, n_names);
	free(inst);
	return list;
}

struct json_object *report_list(char *why, size_t why_size)
{
	char release[128];

	if (kernel_release(release, sizeof(release))) {
		snprintf(why, why_size, "cannot tell the running kernel's release");
		return NULL;
	}
	return entries(release, false, why, why_size);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct json_object *report_info(const char *what, char *why, size_t why_size)
{
	char release[128], name[256], file[PATH_MAX];
	const char *path;
	bool installed;

	if (kernel_release(release, sizeof(release))) {
		snprintf(why, why_size, "cannot tell the running kernel's release");
		return NULL;
	}
	if (is_file(what)) {
		struct ko_info info;
		struct json_object *entry;

		if (ko_read(what, &info, why, why_size))
			return NULL;
		installed = install_find(info.name, release, file, sizeof(file)) == 0;
		entry = entry_for(info.name, what, installed, true);
		json_object_object_add(entry, "livepatch", json_object_new_boolean(info.livepatch));
		ko_free(&info);
		return entry;
	}
	if ((size_t)snprintf(name, sizeof(name), "%s", what) >= sizeof(name)) {
		snprintf(why, why_size, "name too long");
		return NULL;
	}
	lp_normalize(name);
	path = file_of(name, release, file, sizeof(file), &installed);
	if (!path && !lp_exists(name)) {
		snprintf(why, why_size, "no such file, and no livepatch of that name is loaded or "
			 "installed (see 'suture list')");
		return NULL;
	}
	return entry_for(name, path, installed, true);
}

static struct json_object *livepatch_support(const char *release)
{
	struct json_object *lp = json_object_new_object();
	char config_file[PATH_MAX];
	int config = kernel_config_livepatch(release, config_file, sizeof(config_file));
	bool sysfs = lp_sysfs_present();

	json_object_object_add(lp, "supported", json_object_new_boolean(sysfs));
	json_object_object_add(lp, "sysfs", json_object_new_boolean(sysfs));
	json_object_object_add(lp, "config", config < 0 ? NULL : json_object_new_boolean(config));
	json_object_object_add(lp, "config_file", config < 0 ? NULL : json_object_new_string(config_file));
	return lp;
}

static struct json_object *taint_of(void)
{
	static const struct {
		unsigned long bit;
		const char *flag;
	} flags[] = { { TAINT_LIVEPATCH, "K" }, { TAINT_OOT_MODULE, "O" },
		      { TAINT_UNSIGNED_MODULE, "E" } };
	struct json_object *taint = json_object_new_object(), *set = json_object_new_array();
	unsigned long mask;
	bool known = kernel_taint(&mask) == 0;

	json_object_object_add(taint, "value", known ? json_object_new_int64(mask) : NULL);
	for (size_t i = 0; known && i < sizeof(flags) / sizeof(flags[0]); i++)
		if (mask & flags[i].bit)
			json_object_array_add(set, json_object_new_string(flags[i].flag));
	json_object_object_add(taint, "flags", set);
	return taint;
}

/* The union of the fix ids of the loaded, enabled patches. */
static struct json_object *fixes_covered(struct json_object *patches)
{
	struct json_object *all = json_object_new_array();

	for (size_t i = 0; i < json_object_array_length(patches); i++) {
		struct json_object *p = json_object_array_get_idx(patches, i), *fixes, *enabled;

		if (!json_object_object_get_ex(p, "enabled", &enabled) ||
		    !json_object_get_boolean(enabled) || !json_object_object_get_ex(p, "fix_ids", &fixes))
			continue;
		for (size_t j = 0; j < json_object_array_length(fixes); j++) {
			const char *id = json_object_get_string(json_object_array_get_idx(fixes, j));
			bool seen = false;

			for (size_t k = 0; k < json_object_array_length(all) && !seen; k++)
				seen = strcmp(id, json_object_get_string(json_object_array_get_idx(all, k))) == 0;
			if (!seen)
				json_object_array_add(all, json_object_new_string(id));
		}
	}
	return all;
}

/* What the admin must know about the loaded patches: modules that cannot be reloaded under them. */
static struct json_object *notes_on(struct json_object *patches)
{
	struct json_object *notes = json_object_new_array();

	for (size_t i = 0; i < json_object_array_length(patches); i++) {
		struct json_object *p = json_object_array_get_idx(patches, i), *name = NULL, *file = NULL;
		struct strv mods = { 0 };

		if (!json_object_object_get_ex(p, "name", &name) || !json_object_object_get_ex(p, "file", &file) ||
		    !file || ko_relocated_modules(json_object_get_string(file), &mods) < 0)
			continue;
		for (size_t k = 0; k < mods.n; k++) {
			char note[512];

			snprintf(note, sizeof(note), "%s holds livepatch relocations into module %s: if %s is removed "
				 "while %s is loaded, this kernel cannot load %s again until %s is unloaded",
				 json_object_get_string(name), mods.v[k], mods.v[k], json_object_get_string(name),
				 mods.v[k], json_object_get_string(name));
			json_object_array_add(notes, json_object_new_string(note));
		}
		strv_free(&mods);
	}
	return notes;
}

struct json_object *report_status(char *why, size_t why_size)
{
	struct json_object *status, *patches, *events_json, *reasons;
	struct event *events;
	size_t n_events = 0;
	char release[128];

	if (kernel_release(release, sizeof(release))) {
		snprintf(why, why_size, "cannot tell the running kernel's release");
		return NULL;
	}
	patches = entries(release, true, why, why_size);
	if (!patches)
		return NULL;
	status = json_object_new_object();
	json_object_object_add(status, "kernel", json_object_new_string(release));
	json_object_object_add(status, "livepatch", livepatch_support(release));
	json_object_object_add(status, "taint", taint_of());
	json_object_object_add(status, "fix_ids", fixes_covered(patches));
	json_object_object_add(status, "patches", patches);
	json_object_object_add(status, "notes", notes_on(patches));

	events_json = json_object_new_array();
	reasons = json_object_new_array();
	if (events_this_boot(&events, &n_events) == 0) {
		for (size_t i = 0; i < n_events; i++) {
			struct json_object *ev = json_object_new_object();
			char reason[512];

			json_object_object_add(ev, "time", json_object_new_int64(events[i].when));
			json_object_object_add(ev, "patch", json_object_new_string(events[i].patch));
			json_object_object_add(ev, "event", json_object_new_string(events[i].what));
			json_object_object_add(ev, "detail", json_object_new_string(events[i].why));
			json_object_array_add(events_json, ev);
			snprintf(reason, sizeof(reason), "%s: %s (%s)", events[i].patch, events[i].what,
				 events[i].why);
			json_object_array_add(reasons, json_object_new_string(reason));
		}
		free(events);
	}
	json_object_object_add(status, "events", events_json);
	json_object_object_add(status, "reboot_recommended",
			       json_object_new_boolean(json_object_array_length(reasons) > 0));
	json_object_object_add(status, "reboot_reasons", reasons);
	return status;
}
