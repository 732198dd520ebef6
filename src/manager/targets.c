/* A patch's target modules across its transition; see targets.h. */
#include "manager/targets.h"
#include "manager/korelocs.h"
#include "manager/sysfs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int targets_patched(const char *patch, struct strv *mods)
{
	struct lp_patch p;
	int err = lp_read(patch, &p);

	if (err)
		return err;
	for (size_t i = 0; i < p.n_objs && !err; i++)
		if (strcmp(p.objs[i].name, "vmlinux") != 0 && p.objs[i].patched == 1 &&
		    strv_push(mods, p.objs[i].name) < 0)
			err = -ENOMEM;
	lp_patch_free(&p);
	return err;
}

/* Appends s to buf at *len, keeping it NUL-terminated when it does not fit. */
static void append(char *buf, size_t size, size_t *len, const char *s)
{
	int n = snprintf(buf + *len, size - *len, "%s", s);

	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

int targets_gone_line(const char *patch, const char *ko_path, const struct strv *before, char *buf,
		      size_t size)
{
	struct strv now = { 0 }, gone = { 0 }, relocated = { 0 };
	struct lp_patch p;
	size_t len = 0;
	int err = targets_patched(patch, &now), any_patched;

	if (err)
		return err;
	for (size_t i = 0; i < before->n && !err; i++)
		if (!strv_has(&now, before->v[i]) && strv_push(&gone, before->v[i]) < 0)
			err = -ENOMEM;
	if (err || gone.n == 0)
		goto out;
	/* What still carries the patch: a module that stayed, or vmlinux. */
	any_patched = now.n > 0;
	if (!any_patched && lp_read(patch, &p) == 0) {
		for (size_t i = 0; i < p.n_objs; i++)
			any_patched |= strcmp(p.objs[i].name, "vmlinux") == 0 && p.objs[i].patched == 1;
		lp_patch_free(&p);
	}
	/* An unreadable file only loses the remark about reloading, not the line. */
	if (ko_relocated_modules(ko_path, &relocated) < 0)
		strv_free(&relocated);

	append(buf, size, &len, any_patched ? "loaded, but " : "loaded, but it patches nothing now: ");
	append(buf, size, &len, gone.n == 1 ? "its target module " : "its target modules ");
	for (size_t i = 0; i < gone.n; i++) {
		append(buf, size, &len, i ? ", " : "");
		append(buf, size, &len, gone.v[i]);
	}
	append(buf, size, &len, gone.n == 1 ? " was removed" : " were removed");
	append(buf, size, &len, " during the transition and the kernel unpatched ");
	append(buf, size, &len, gone.n == 1 ? "it" : "them");
	for (size_t i = 0; i < gone.n; i++) {
		bool stuck = strv_has(&relocated, gone.v[i]);

		append(buf, size, &len, i ? "; " : " (");
		append(buf, size, &len, gone.v[i]);
		append(buf, size, &len, stuck ? " cannot be loaded again until " : " is patched again when it is loaded");
		if (stuck) {
			append(buf, size, &len, patch);
			append(buf, size, &len, " is unloaded: this kernel keeps the patch's relocations into it");
		}
	}
	append(buf, size, &len, ")");
	err = (int)gone.n;
out:
	strv_free(&now);
	strv_free(&gone);
	strv_free(&relocated);
	return err;
}
