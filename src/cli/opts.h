/* Option values and output shared by the manager's commands. */
#ifndef SUTURE_CLI_OPTS_H
#define SUTURE_CLI_OPTS_H

struct json_object;

/* Parses a --timeout value: whole seconds, 1 to 86400. Returns 0, or -1 after saying why. */
int parse_timeout(const char *cmd, const char *arg, int *timeout_s);

/* Prints obj as indented JSON on stdout and releases it. */
void print_json(struct json_object *obj);

#endif
