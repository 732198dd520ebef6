/* `suture list [--json]`: loaded livepatches and installed ones, one line each. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/report.h"
#include "util/log.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

static const char *yes_no(struct json_object *entry, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(entry, key, &v) || !v)
		return "-";
	return json_object_get_boolean(v) ? "yes" : "no";
}

int do_list(int argc, char **argv)
{
	struct json_object *list;
	char why[256];
	int json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc > 2 || (argc == 2 && !json)) {
		log_error("list: usage: suture list [--json]");
		return EXIT_USAGE;
	}
	list = report_list(why, sizeof(why));
	if (!list) {
		log_error("list: %s", why);
		return EXIT_FAIL;
	}
	if (json) {
		print_json(list);
		return EXIT_OK;
	}
	printf("%-32s %-7s %-8s %-11s %-10s %s\n", "NAME", "LOADED", "ENABLED", "TRANSITION",
	       "INSTALLED", "FIXES");
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		struct json_object *e = json_object_array_get_idx(list, i), *name, *fixes;
		char fix_text[256] = "";

		json_object_object_get_ex(e, "name", &name);
		if (json_object_object_get_ex(e, "fix_ids", &fixes))
			for (size_t j = 0; j < json_object_array_length(fixes); j++) {
				size_t used = strlen(fix_text);

				snprintf(fix_text + used, sizeof(fix_text) - used, "%s%s", j ? "," : "",
					 json_object_get_string(json_object_array_get_idx(fixes, j)));
			}
		printf("%-32s %-7s %-8s %-11s %-10s %s\n", json_object_get_string(name),
		       yes_no(e, "loaded"), yes_no(e, "enabled"), yes_no(e, "transition"),
		       yes_no(e, "installed"), fix_text[0] ? fix_text : "-");
	}
	json_object_put(list);
	return EXIT_OK;
}
