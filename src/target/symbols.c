/* The running kernel's symbols from a kallsyms dump and the image's .ko files; see symbols.h. */
#define _GNU_SOURCE
#include "target/symbols.h"
#include "target/elfsyms.h"
#include "target/run.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct ksym *add(struct ksyms *ks)
{
	if (ks->n == ks->cap) {
		size_t ncap = ks->cap ? ks->cap * 2 : 4096;
		struct ksym *n = realloc(ks->v, ncap * sizeof(*n));

		if (!n)
			return NULL;
		ks->v = n;
		ks->cap = ncap;
	}
	memset(&ks->v[ks->n], 0, sizeof(ks->v[0]));
	return &ks->v[ks->n++];
}

/* The dump's text, gunzipped when it starts with the gzip magic. */
static char *read_dump(const char *path, char *err, size_t errlen)
{
	unsigned char magic[2] = { 0 };
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	if (fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		char *argv[] = { "gzip", "-dc", "--", (char *)path, NULL };
		struct run_opts o = { .capture = &buf, .capture_len = &len, .quiet_stderr = 1 };

		fclose(f);
		int status = run_cmd(&o, argv);

		if (status != 0) {
			free(buf);
			snprintf(err, errlen, "%s", status == RUN_INTERRUPTED ? "gzip -dc: interrupted"
									    : "gzip -dc failed (a corrupt dump?)");
			return NULL;
		}
		return buf;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (long)(len = (size_t)ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0 ||
	    !(buf = malloc(len + 1)) || fread(buf, 1, len, f) != len) {
		snprintf(err, errlen, "cannot read it");
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[len] = '\0';
	fclose(f);
	return buf;
}

int ksyms_load_kallsyms(struct ksyms *ks, const char *path, char *err, size_t errlen)
{
	char *text = read_dump(path, err, errlen);
	const char *vmlinux;
	unsigned order = 0, lineno = 0;
	char *line, *save = NULL;

	if (!text)
		return -1;
	if (!(vmlinux = strv_intern(&ks->objects, VMLINUX)))
		goto nomem;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char type, name[512], module[128];
		unsigned long long addr;
		struct ksym *s;
		int n;

		lineno++;
		n = sscanf(line, "%llx %c %511s %127s", &addr, &type, name, module);
		if (n < 3) {
			snprintf(err, errlen, "line %u is not in /proc/kallsyms format: '%.60s'", lineno, line);
			free(text);
			return -1;
		}
		if (n == 4 && module[0] == '[')
			continue;
		if (!(s = add(ks)) || !(s->name = strdup(name)))
			goto nomem;
		s->object = vmlinux;
		s->addr = addr;
		s->type = type;
		s->order = order++;
	}
	free(text);
	if (order == 0) {
		snprintf(err, errlen, "no vmlinux symbols in it");
		return -1;
	}
	return 0;
nomem:
	free(text);
	snprintf(err, errlen, "out of memory");
	return -1;
}

static int wanted(char *const *names, const char *name)
{
	if (!names)
		return 1;
	for (; *names; names++)
		if (strcmp(*names, name) == 0)
			return 1;
	return 0;
}

static int add_module(struct ksyms *ks, const char *path, char *const *names, char *err, size_t errlen)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char modname[256], why[256];
	const char *object;
	struct elfsyms es;
	size_t n = strlen(base) - 3; /* without ".ko" */

	if (n >= sizeof(modname))
		n = sizeof(modname) - 1;
	memcpy(modname, base, n);
	modname[n] = '\0';
	for (char *c = modname; *c; c++)
		if (*c == '-')
			*c = '_';
	if (elfsyms_read(path, &es, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	object = strv_intern(&ks->objects, modname);
	for (size_t i = 0; object && i < es.count; i++) {
		struct elfsym *e = &es.syms[i];
		struct ksym *s;

		if (!wanted(names, e->name))
			continue;
		if (!(s = add(ks)) || !(s->name = strdup(e->name)) ||
		    !(s->section = strv_intern(&ks->objects, e->section))) {
			object = NULL;
			break;
		}
		s->object = object;
		s->addr = e->value;
		s->size = e->size;
		s->type = e->letter;
		s->order = e->index;
	}
	elfsyms_free(&es);
	if (!object) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int ksyms_load_module(struct ksyms *ks, const char *path, char *err, size_t errlen)
{
	return add_module(ks, path, NULL, err, errlen);
}

/* nftw has no user pointer: the walk's state lives here for its duration. */
static struct {
	struct ksyms *ks;
	char *const *names;
	char *err;
	size_t errlen;
	size_t modules;
} walk;

static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t n = strlen(path);

	(void)st;
	(void)ftw;
	if (flag != FTW_F || n < 4 || strcmp(path + n - 3, ".ko") != 0)
		return 0;
	walk.modules++;
	return add_module(walk.ks, path, walk.names, walk.err, walk.errlen) < 0 ? 1 : 0;
}

int ksyms_load_modules(struct ksyms *ks, const char *dir, char *const *names, char *err, size_t errlen)
{
	int rc;

	walk.ks = ks;
	walk.names = names;
	walk.err = err;
	walk.errlen = errlen;
	walk.modules = 0;
	rc = nftw(dir, visit, 32, FTW_PHYS);
	if (rc < 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if (rc > 0)
		return -1;
	if (walk.modules == 0) {
		snprintf(err, errlen, "%s: no .ko files", dir);
		return -1;
	}
	return 0;
}

static int object_rank(const char *object)
{
	return strcmp(object, VMLINUX) == 0 ? 0 : 1;
}

static int cmp_ksym(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (object_rank(x->object) != object_rank(y->object))
		return object_rank(x->object) - object_rank(y->object);
	if ((c = strcmp(x->object, y->object)))
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const struct ksyms *order_ks;

static int cmp_vmlinux_order(const void *a, const void *b)
{
	const struct ksym *x = &order_ks->v[*(const size_t *)a], *y = &order_ks->v[*(const size_t *)b];

	return x->order < y->order ? -1 : x->order > y->order;
}

int ksyms_finish(struct ksyms *ks)
{
	size_t nv = 0;

	qsort(ks->v, ks->n, sizeof(ks->v[0]), cmp_ksym);
	for (size_t i = 0; i < ks->n;) {
		size_t j = i;

		while (j < ks->n && strcmp(ks->v[j].name, ks->v[i].name) == 0 && ks->v[j].object == ks->v[i].object)
			j++;
		for (size_t k = i; k < j; k++) {
			ks->v[k].sympos = (unsigned)(k - i + 1);
			ks->v[k].count = (unsigned)(j - i);
		}
		i = j;
	}
	free(ks->vmlinux);
	ks->vmlinux = malloc((ks->n ? ks->n : 1) * sizeof(size_t));
	if (!ks->vmlinux)
		return -1;
	for (size_t i = 0; i < ks->n; i++)
		if (strcmp(ks->v[i].object, VMLINUX) == 0)
			ks->vmlinux[nv++] = i;
	ks->nvmlinux = nv;
	order_ks = ks;
	qsort(ks->vmlinux, nv, sizeof(size_t), cmp_vmlinux_order);
	return 0;
}

size_t ksyms_lookup(const struct ksyms *ks, const char *name, size_t *first)
{
	size_t lo = 0, hi = ks->n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ks->v[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < ks->n && strcmp(ks->v[end].name, name) == 0; end++)
		;
	*first = lo;
	return end - lo;
}

void ksyms_free(struct ksyms *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->v[i].name);
	free(ks->v);
	strv_free(&ks->objects);
	free(ks->vmlinux);
	memset(ks, 0, sizeof(*ks));
}
