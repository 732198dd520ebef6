/* `suture status [--json]`: the kernel, its livepatch support, taint, patches and whether a
 * reboot is recommended. */
#include "cli/cmd.h"
#include "cli/opts.h"
#include "manager/report.h"
#include "util/log.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

static struct json_object *get(struct json_object *obj, const char *key)
{
	struct json_object *v = NULL;

	json_object_object_get_ex(obj, key, &v);
	return v;
}

static void print_support(struct json_object *lp)
{
	struct json_object *config = get(lp, "config");

	printf("livepatch:      %s (/sys/kernel/livepatch %s; ",
	       json_object_get_boolean(get(lp, "supported")) ? "supported" : "NOT supported",
	       json_object_get_boolean(get(lp, "sysfs")) ? "present" : "absent");
	if (config)
		printf("CONFIG_LIVEPATCH %s in %s)\n", json_object_get_boolean(config) ? "=y" : "not set",
		       json_object_get_string(get(lp, "config_file")));
	else
		printf("no kernel config to read)\n");
}

static void print_taint(struct json_object *taint)
{
	static const struct {
		const char *flag, *meaning;
	} meanings[] = { { "K", "livepatched" }, { "O", "out-of-tree module" },
			 { "E", "unsigned module" } };
	struct json_object *flags = get(taint, "flags");
	size_t n = json_object_array_length(flags);

	printf("taint:          %s", n ? "" : "none of K, O, E");
	for (size_t i = 0; i < n; i++) {
		const char *flag = json_object_get_string(json_object_array_get_idx(flags, i));

		for (size_t j = 0; j < sizeof(meanings) / sizeof(meanings[0]); j++)
			if (strcmp(flag, meanings[j].flag) == 0)
				printf("%s%s (%s)", i ? ", " : "", flag, meanings[j].meaning);
	}
	printf(" [tainted=%s]\n", get(taint, "value") ? json_object_get_string(get(taint, "value")) : "?");
}

int do_status(int argc, char **argv)
{
	struct json_object *status, *patches, *fixes, *notes, *reasons;
	char why[256];
	int json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc > 2 || (argc == 2 && !json)) {
		log_error("status: usage: suture status [--json]");
		return EXIT_USAGE;
	}
	status = report_status(why, sizeof(why));
	if (!status) {
		log_error("status: %s", why);
		return EXIT_FAIL;
	}
	if (json) {
		print_json(status);
		return EXIT_OK;
	}
	printf("kernel:         %s\n", json_object_get_string(get(status, "kernel")));
	print_support(get(status, "livepatch"));
	print_taint(get(status, "taint"));
	patches = get(status, "patches");
	printf("patches:        %s\n", json_object_array_length(patches) ? "" : "none loaded");
	for (size_t i = 0; i < json_object_array_length(patches); i++) {
		struct json_object *p = json_object_array_get_idx(patches, i);

		printf("  %s: %s%s\n", json_object_get_string(get(p, "name")),
		       json_object_get_boolean(get(p, "enabled")) ? "enabled" : "disabled",
		       json_object_get_boolean(get(p, "transition")) ? ", in transition" : "");
	}
	fixes = get(status, "fix_ids");
	printf("fixes covered:  %s", json_object_array_length(fixes) ? "" : "-");
	for (size_t i = 0; i < json_object_array_length(fixes); i++)
		printf("%s%s", i ? ", " : "", json_object_get_string(json_object_array_get_idx(fixes, i)));
	printf("\n");
	notes = get(status, "notes");
	for (size_t i = 0; i < json_object_array_length(notes); i++)
		printf("note:           %s\n", json_object_get_string(json_object_array_get_idx(notes, i)));
	reasons = get(status, "reboot_reasons");
	for (size_t i = 0; i < json_object_array_length(reasons); i++)
		printf("reboot recommended: %s\n",
		       json_object_get_string(json_object_array_get_idx(reasons, i)));
	json_object_put(status);
	return EXIT_OK;
}
