/* The manager's libkmod context; see kmodctx.h. */
#include "manager/kmodctx.h"

#include <libkmod.h>
#include <stddef.h>

static void no_log(void *data, int priority, const char *file, int line, const char *fn,
		   const char *format, va_list args)
{
	(void)data;
	(void)priority;
	(void)file;
	(void)line;
	(void)fn;
	(void)format;
	(void)args;
}

struct kmod_ctx *kmodctx_new(void)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);

	if (ctx)
		kmod_set_log_fn(ctx, no_log, NULL);
	return ctx;
}
