/* A patch's target modules across its transition; see targets.h. */
#include "manager/targets.h"
#include "manager/korelocs.h"
#include "manager/sysfs.h"
#include "util/text.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

/* The module objects (not vmlinux) of a patch read from sysfs whose `patched` reads 1. */
static int patched_modules(const struct lp_patch *p, struct strv *mods)
{
	for (size_t i = 0; i < p->n_objs; i++)
		if (strcmp(p->objs[i].name, "vmlinux") != 0 && p->objs[i].patched == 1 &&
		    strv_push(mods, p->objs[i].name) < 0)
			return -ENOMEM;
	return 0;
}

int targets_patched(const char *patch, struct strv *mods)
{
	struct lp_patch p;
	int err = lp_read(patch, &p);

	if (err)
		return err;
	err = patched_modules(&p, mods);
	lp_patch_free(&p);
	return err;
}

int targets_gone_line(const char *patch, const char *ko_path, const struct strv *before, char *buf,
		      size_t size)
{
	struct strv now = { 0 }, gone = { 0 }, relocated = { 0 };
	struct lp_patch p;
	bool any_patched = false;
	int err = lp_read(patch, &p);

	if (err)
		return err;
	err = patched_modules(&p, &now);
	/* What still carries the patch: a module that stayed, or vmlinux. */
	for (size_t i = 0; i < p.n_objs; i++)
		any_patched |= p.objs[i].patched == 1;
	lp_patch_free(&p);
	for (size_t i = 0; i < before->n && !err; i++)
		if (!strv_has(&now, before->v[i]) && strv_push(&gone, before->v[i]) < 0)
			err = -ENOMEM;
	if (err || gone.n == 0)
		goto out;
	/* An unreadable file only loses the remark about reloading, not the line. */
	if (ko_relocated_modules(ko_path, &relocated) < 0)
		strv_free(&relocated);

	buf[0] = '\0';
	text_append(buf, size, "%s", any_patched ? "loaded, but " : "loaded, but it patches nothing now: ");
	text_append(buf, size, "%s", gone.n == 1 ? "its target module " : "its target modules ");
	for (size_t i = 0; i < gone.n; i++)
		text_append(buf, size, "%s%s", i ? ", " : "", gone.v[i]);
	text_append(buf, size, " %s during the transition and the kernel unpatched %s",
		    gone.n == 1 ? "was removed" : "were removed", gone.n == 1 ? "it" : "them");
	for (size_t i = 0; i < gone.n; i++) {
		if (strv_has(&relocated, gone.v[i]))
			text_append(buf, size, "%s%s cannot be loaded again until %s is unloaded: this kernel "
				    "keeps the patch's relocations into it", i ? "; " : " (", gone.v[i], patch);
		else
			text_append(buf, size, "%s%s is patched again when it is loaded", i ? "; " : " (",
				    gone.v[i]);
	}
	text_append(buf, size, ")");
	err = (int)gone.n;
out:
	strv_free(&now);
	strv_free(&gone);
	strv_free(&relocated);
	return err;
}
