/* Module insertion and removal through libkmod; see module.h. */
#include "manager/module.h"
#include "manager/kmodctx.h"
#include "manager/paths.h"

#include <errno.h>
#include <libkmod.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>

int module_insert(const char *path, const char *params)
{
	struct kmod_ctx *ctx = kmodctx_new();
	struct kmod_module *mod;
	int err;

	if (!ctx)
		return -ENOMEM;
	err = kmod_module_new_from_path(ctx, path, &mod);
	if (err == 0) {
		err = kmod_module_insert_module(mod, 0, params);
		kmod_module_unref(mod);
	}
	kmod_unref(ctx);
	return err < 0 ? err : 0;
}

int module_remove(const char *name)
{
	struct kmod_ctx *ctx = kmodctx_new();
	struct kmod_module *mod;
	int err;

	if (!ctx)
		return -ENOMEM;
	err = kmod_module_new_from_name(ctx, name, &mod);
	if (err == 0) {
		for (int tries = 0; tries < 50; tries++) {
			struct timespec ts = { 0, 100 * 1000000L };

			err = kmod_module_remove_module(mod, 0);
			if (err != -EAGAIN && err != -EBUSY && err != -EWOULDBLOCK)
				break;
			nanosleep(&ts, NULL);
		}
		kmod_module_unref(mod);
	}
	kmod_unref(ctx);
	return err < 0 ? err : 0;
}

bool module_loaded(const char *name)
{
	char path[PATH_MAX];

	return mgr_path(path, sizeof(path), ROOT_SYS, "/module/%s/initstate", name) == 0 &&
	       access(path, F_OK) == 0;
}
