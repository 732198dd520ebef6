/* Reading and writing /sys/kernel/livepatch; see sysfs.h. */
#include "manager/sysfs.h"
#include "manager/paths.h"
#include "manager/sysfile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool lp_sysfs_present(void)
{
	char path[PATH_MAX];

	return mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS) == 0 && is_dir(path);
}

bool lp_exists(const char *patch)
{
	char path[PATH_MAX];

	return mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS "/%s", patch) == 0 && is_dir(path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void lp_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The names of the subdirectories of dir, sorted. */
static int subdirs(const char *dir, char ***names, size_t *n)
{
	char path[PATH_MAX];
	struct dirent *de;
	char **list = NULL;
	size_t count = 0;
	DIR *d = opendir(dir);
	int err = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char **bigger;

		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >= sizeof(path) ||
		    !is_dir(path))
			continue;
		bigger = realloc(list, (count + 1) * sizeof(*list));
		if (!bigger)
			goto nomem;
		list = bigger;
		list[count] = strdup(de->d_name);
		if (!list[count])
			goto nomem;
		count++;
	}
	closedir(d);
	if (count)
		qsort(list, count, sizeof(*list), by_name);
	*names = list;
	*n = count;
	return 0;

nomem:
	err = -ENOMEM;
	closedir(d);
	lp_names_free(list, count);
	return err;
}

int lp_names(char ***names, size_t *n)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS))
		return -ENAMETOOLONG;
	return subdirs(path, names, n);
}

int lp_attr(const char *patch, const char *attr, long *value)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS "/%s/%s", patch, attr))
		return -ENAMETOOLONG;
	return sysfile_long(path, value);
}

int lp_set(const char *patch, const char *attr, const char *value)
{
	char path[PATH_MAX];

	if (mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS "/%s/%s", patch, attr))
		return -ENAMETOOLONG;
	return sysfile_write(path, value);
}

static int attr_or_unknown(const char *patch, const char *attr)
{
	long value;

	return lp_attr(patch, attr, &value) ? -1 : (int)value;
}

/* Fills obj's functions from the "<name>,<sympos>" directories under dir. */
static int read_funcs(const char *dir, struct lp_object *obj)
{
	char **names;
	size_t n;
	int err = subdirs(dir, &names, &n);

	if (err)
		return err;
	obj->funcs = calloc(n ? n : 1, sizeof(*obj->funcs));
	if (!obj->funcs) {
		lp_names_free(names, n);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		char *comma = strrchr(names[i], ',');

		obj->funcs[i].sympos = comma ? strtoul(comma + 1, NULL, 10) : 0;
		if (comma)
			*comma = '\0';
		obj->funcs[i].name = names[i];
	}
	obj->n_funcs = n;
	free(names); /* the strings now belong to obj->funcs */
	return 0;
}

int lp_read(const char *patch, struct lp_patch *out)
{
	char dir[PATH_MAX], path[PATH_MAX], attr[NAME_MAX + 16];
	char **objs = NULL;
	size_t n_objs = 0;
	int err;

	memset(out, 0, sizeof(*out));
	if (mgr_path(dir, sizeof(dir), ROOT_SYS, LP_SYSFS "/%s", patch))
		return -ENAMETOOLONG;
	if (!is_dir(dir))
		return -ENOENT;
	out->name = strdup(patch);
	if (!out->name)
		return -ENOMEM;
	out->enabled = attr_or_unknown(patch, "enabled");
	out->transition = attr_or_unknown(patch, "transition");

	err = subdirs(dir, &objs, &n_objs);
	if (err)
		goto fail;
	out->objs = calloc(n_objs ? n_objs : 1, sizeof(*out->objs));
	if (!out->objs) {
		err = -ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < n_objs; i++) {
		struct lp_object *obj = &out->objs[out->n_objs++];

		obj->name = objs[i];
		objs[i] = NULL;
		if (mgr_path(path, sizeof(path), ROOT_SYS, LP_SYSFS "/%s/%s", patch, obj->name)) {
			err = -ENAMETOOLONG;
			goto fail;
		}
		if ((size_t)snprintf(attr, sizeof(attr), "%s/patched", obj->name) >= sizeof(attr)) {
			err = -ENAMETOOLONG;
			goto fail;
		}
		obj->patched = attr_or_unknown(patch, attr);
		err = read_funcs(path, obj);
		if (err)
			goto fail;
	}
	lp_names_free(objs, n_objs);
	return 0;

fail:
	lp_names_free(objs, n_objs);
	lp_patch_free(out);
	return err;
}

void lp_patch_free(struct lp_patch *patch)
{
	for (size_t i = 0; i < patch->n_objs; i++) {
		for (size_t j = 0; j < patch->objs[i].n_funcs; j++)
			free(patch->objs[i].funcs[j].name);
		free(patch->objs[i].funcs);
		free(patch->objs[i].name);
	}
	free(patch->objs);
	free(patch->name);
	memset(patch, 0, sizeof(*patch));
}

void lp_normalize(char *name)
{
	for (; *name; name++)
		if (*name == '-')
			*name = '_';
}
