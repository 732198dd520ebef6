/* Reading a module's .modinfo with libkmod; see modinfo.h. */
#include "manager/modinfo.h"
#include "manager/kmodctx.h"

#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An ELF check of our own: libkmod's errors for a text file are not helpful to a user. */
static int elf_magic(const char *path, char *why, size_t why_size)
{
	unsigned char magic[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got;

	if (fd < 0) {
		snprintf(why, why_size, "%s", strerror(errno));
		return -1;
	}
	got = read(fd, magic, sizeof(magic));
	close(fd);
	if (got != sizeof(magic) || memcmp(magic, "\177ELF", 4) != 0) {
		snprintf(why, why_size, "not an ELF file (a livepatch is a kernel module, .ko)");
		return -1;
	}
	return 0;
}

static int set_string(char **field, const char *value)
{
	char *copy = strdup(value);

	if (!copy)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

static int add_fix_id(struct ko_info *info, const char *value)
{
	char **bigger = realloc(info->fix_ids, (info->n_fix_ids + 1) * sizeof(*bigger));

	if (!bigger)
		return -1;
	info->fix_ids = bigger;
	info->fix_ids[info->n_fix_ids] = strdup(value);
	if (!info->fix_ids[info->n_fix_ids])
		return -1;
	info->n_fix_ids++;
	return 0;
}

static int take(struct ko_info *info, const char *key, const char *value)
{
	if (strcmp(key, "name") == 0)
		return set_string(&info->name, value);
	if (strcmp(key, "vermagic") == 0)
		return set_string(&info->vermagic, value);
	if (strcmp(key, "description") == 0)
		return set_string(&info->description, value);
	if (strcmp(key, "signer") == 0)
		return set_string(&info->signer, value);
	if (strcmp(key, "version") == 0)
		return set_string(&info->version, value);
	if (strcmp(key, MODINFO_SOURCE_SHA256) == 0)
		return set_string(&info->source_sha256, value);
	if (strcmp(key, MODINFO_FIX_ID) == 0)
		return add_fix_id(info, value);
	if (strcmp(key, "livepatch") == 0)
		info->livepatch = strcmp(value, "Y") == 0;
	return 0;
}

int ko_read(const char *path, struct ko_info *out, char *why, size_t why_size)
{
	struct kmod_list *list = NULL, *item;
	struct kmod_module *mod = NULL;
	struct kmod_ctx *ctx;
	int err;

	memset(out, 0, sizeof(*out));
	if (elf_magic(path, why, why_size))
		return -1;
	ctx = kmodctx_new();
	if (!ctx) {
		snprintf(why, why_size, "cannot set up libkmod");
		return -1;
	}
	err = kmod_module_new_from_path(ctx, path, &mod);
	if (err == 0)
		err = kmod_module_get_info(mod, &list);
	if (err < 0) {
		snprintf(why, why_size, "not a kernel module (%s)", strerror(-err));
		goto fail;
	}
	if (set_string(&out->path, path))
		goto nomem;
	kmod_list_foreach(item, list) {
		if (take(out, kmod_module_info_get_key(item), kmod_module_info_get_value(item)))
			goto nomem;
	}
	/* A module without a name= key (very old kbuild): fall back to libkmod's, from the file name. */
	if (!out->name && set_string(&out->name, kmod_module_get_name(mod)))
		goto nomem;
	if (!out->vermagic) {
		snprintf(why, why_size, "not a kernel module (no vermagic in its .modinfo)");
		goto fail;
	}
	kmod_module_info_free_list(list);
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return 0;

nomem:
	snprintf(why, why_size, "out of memory");
fail:
	kmod_module_info_free_list(list);
	if (mod)
		kmod_module_unref(mod);
	kmod_unref(ctx);
	ko_free(out);
	return -1;
}

void ko_free(struct ko_info *info)
{
	for (size_t i = 0; i < info->n_fix_ids; i++)
		free(info->fix_ids[i]);
	free(info->fix_ids);
	free(info->path);
	free(info->name);
	free(info->vermagic);
	free(info->description);
	free(info->source_sha256);
	free(info->signer);
	free(info->version);
	memset(info, 0, sizeof(*info));
}

int ko_release(const struct ko_info *info, char *buf, size_t size)
{
	size_t len;

	if (!info->vermagic)
		return -1;
	len = strcspn(info->vermagic, " ");
	if (len == 0 || len >= size)
		return -1;
	memcpy(buf, info->vermagic, len);
	buf[len] = '\0';
	return 0;
}
