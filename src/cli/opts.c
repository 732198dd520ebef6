/* Shared option parsing and JSON output of the manager's commands; see opts.h. */
#include "cli/opts.h"
#include "util/log.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

int parse_timeout(const char *cmd, const char *arg, int *timeout_s)
{
	char *end;
	long value = strtol(arg, &end, 10);

	if (end == arg || *end || value < 1 || value > 86400) {
		log_error("%s: --timeout '%s': expected seconds, 1 to 86400", cmd, arg);
		return -1;
	}
	*timeout_s = (int)value;
	return 0;
}

void print_json(struct json_object *obj)
{
	puts(json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
							 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(obj);
}
