/* One libkmod context set up the way the manager wants it: quiet (suture prints its own
 * one-line errors) and independent of /lib/modules (livepatches are loaded by path). */
#ifndef SUTURE_MANAGER_KMODCTX_H
#define SUTURE_MANAGER_KMODCTX_H

struct kmod_ctx;

/* A new context, NULL when libkmod cannot allocate one. Release with kmod_unref. */
struct kmod_ctx *kmodctx_new(void);

#endif
