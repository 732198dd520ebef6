/* Module.symvers reader; see symvers.h.
 *
 * A line is "CRC<TAB>name<TAB>module path<TAB>export type<TAB>namespace". The module path is
 * kbuild's (drivers/block/drbd/drbd); its last component is the module's name as the loader and
 * livepatch know it, with '-' read as '_'.
 */
#include "target/symvers.h"
#include "util/log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct export *)a)->name, ((const struct export *)b)->name);
}

static char *module_name(const char *path)
{
	const char *base = strrchr(path, '/');
	char *name = strdup(base ? base + 1 : path);

	for (char *p = name; p && *p; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

static int add_export(struct symvers *sv, size_t *cap, char *line)
{
	char *fields[4], *save = NULL;
	struct export *e;

	for (int i = 0; i < 4; i++) {
		fields[i] = strtok_r(i ? NULL : line, "\t\n", &save);
		if (!fields[i])
			return -1;
	}
	if (sv->n_exports == *cap) {
		size_t grown = *cap ? *cap * 2 : 4096;
		struct export *more = realloc(sv->exports, grown * sizeof(*more));

		if (!more)
			return -1;
		sv->exports = more;
		*cap = grown;
	}
	e = &sv->exports[sv->n_exports];
	e->name = strdup(fields[1]);
	e->object = module_name(fields[2]);
	e->gpl_only = strcmp(fields[3], "EXPORT_SYMBOL_GPL") == 0;
	if (!e->name || !e->object) {
		free(e->name);
		free(e->object);
		return -1;
	}
	sv->n_exports++;
	return 0;
}

int symvers_load(struct symvers *sv, const char *path)
{
	char *line = NULL;
	size_t len = 0, cap = 0, lineno = 0;
	FILE *f;

	memset(sv, 0, sizeof(*sv));
	f = fopen(path, "r");
	if (!f) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &len, f) > 0) {
		lineno++;
		if (add_export(sv, &cap, line)) {
			log_error("%s:%zu: not a Module.symvers line (or out of memory)", path, lineno);
			goto fail;
		}
	}
	if (ferror(f)) {
		log_error("%s: read error", path);
		goto fail;
	}
	free(line);
	fclose(f);
	qsort(sv->exports, sv->n_exports, sizeof(*sv->exports), by_name);
	return 0;

fail:
	free(line);
	fclose(f);
	symvers_free(sv);
	return -1;
}

const struct export *symvers_find(const struct symvers *sv, const char *name)
{
	struct export key = { .name = (char *)name };

	return bsearch(&key, sv->exports, sv->n_exports, sizeof(key), by_name);
}

void symvers_free(struct symvers *sv)
{
	for (size_t i = 0; i < sv->n_exports; i++) {
		free(sv->exports[i].name);
		free(sv->exports[i].object);
	}
	free(sv->exports);
	memset(sv, 0, sizeof(*sv));
}
