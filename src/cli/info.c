/* `suture info PATCH.ko|NAME [--json]`: what a livepatch is and, when loaded, its state. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/report.h"
#include "util/log.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

static const char *field(struct json_object *obj, const char *key, const char *fallback)
{
	struct json_object *v;

	return json_object_object_get_ex(obj, key, &v) && v ? json_object_get_string(v) : fallback;
}

static const char *patched(struct json_object *obj)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, "patched", &v) || !v)
		return "not loaded";
	return json_object_get_boolean(v) ? "patched" : "not patched";
}

static void print_state(struct json_object *e)
{
	struct json_object *loaded, *enabled, *transition;

	json_object_object_get_ex(e, "loaded", &loaded);
	json_object_object_get_ex(e, "enabled", &enabled);
	json_object_object_get_ex(e, "transition", &transition);
	if (!json_object_get_boolean(loaded))
		printf("state:          not loaded\n");
	else
		printf("state:          loaded, %s, %s\n",
		       json_object_get_boolean(enabled) ? "enabled" : "disabled",
		       json_object_get_boolean(transition) ? "in transition" : "transition complete");
}

static void print_objects(struct json_object *e)
{
	struct json_object *objs;

	if (!json_object_object_get_ex(e, "objects", &objs)) {
		printf("objects:        unknown (not loaded, and its klp tables were not recognised)\n");
		return;
	}
	printf("objects:\n");
	for (size_t i = 0; i < json_object_array_length(objs); i++) {
		struct json_object *o = json_object_array_get_idx(objs, i), *funcs;

		printf("  %s (%s)\n", field(o, "name", "?"), patched(o));
		json_object_object_get_ex(o, "functions", &funcs);
		for (size_t j = 0; j < json_object_array_length(funcs); j++) {
			struct json_object *f = json_object_array_get_idx(funcs, j);

			printf("    %s sympos %s (%s)\n", field(f, "name", "?"), field(f, "sympos", "0"),
			       patched(f));
		}
	}
}

int do_info(int argc, char **argv)
{
	struct json_object *e, *fixes;
	const char *what = NULL;
	char why[256];
	int json = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (!what)
			what = argv[i];
		else
			what = NULL, i = argc;
	}
	if (!what || argc > 3) {
		log_error("info: usage: suture info PATCH.ko|NAME [--json]");
		return EXIT_USAGE;
	}
	e = report_info(what, why, sizeof(why));
	if (!e) {
		log_error("info: %s: %s", what, why);
		return EXIT_FAIL;
	}
	if (json) {
		print_json(e);
		return EXIT_OK;
	}
	printf("name:           %s\n", field(e, "name", "?"));
	printf("file:           %s\n", field(e, "file", "(unknown: not loaded by suture)"));
	printf("description:    %s\n", field(e, "description", "-"));
	printf("fix ids:        ");
	json_object_object_get_ex(e, "fix_ids", &fixes);
	for (size_t i = 0; i < json_object_array_length(fixes); i++)
		printf("%s%s", i ? ", " : "", json_object_get_string(json_object_array_get_idx(fixes, i)));
	printf("%s\n", json_object_array_length(fixes) ? "" : "-");
	printf("source sha256:  %s\n", field(e, "source_sha256", "-"));
	printf("vermagic:       %s\n", field(e, "vermagic", "-"));
	printf("signer:         %s\n", field(e, "signer", "(unsigned)"));
	printf("installed:      %s\n", json_object_get_boolean(json_object_object_get(e, "installed")) ?
					   "yes" : "no");
	print_state(e);
	print_objects(e);
	json_object_put(e);
	return EXIT_OK;
}
