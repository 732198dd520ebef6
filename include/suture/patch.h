/* SPDX-License-Identifier: GPL-2.0 */
/*
 * suture's author API, for use inside a fix: add `#include <suture/patch.h>` to the kernel file the
 * diff changes, and `suture build` makes the header available to the patched compile (the original
 * compile never sees it). Documented with examples in docs/writing-patches.md.
 *
 * Callbacks run for the object the file belongs to (vmlinux, or the module the file is built into,
 * when that module is loaded). The builder finds them in the patched object's .suture.* sections,
 * wires them into the generated klp_object, and keeps them out of the diff's decisions:
 *
 *   SUTURE_PRE_PATCH(fn)     int fn(struct klp_object *obj): before patching; non-zero aborts the
 *                            load (nothing stays patched, the module is removed)
 *   SUTURE_POST_PATCH(fn)    void fn(struct klp_object *obj): after the transition to the patch
 *   SUTURE_PRE_UNPATCH(fn)   void fn(struct klp_object *obj): before unpatching starts
 *   SUTURE_POST_UNPATCH(fn)  void fn(struct klp_object *obj): after the transition back
 *
 * States (klp_state): a patch that changes a system state the kernel keeps — a shadow variable's
 * layout, a new meaning of a field — declares it; the kernel refuses to load a patch that does not
 * declare every state of the loaded patches at an equal or higher version.
 *
 *   SUTURE_STATE(id, version)
 *
 * Shadow variables: data a struct does not have, attached to an object by address (klp_shadow_*),
 * with a type. SUTURE_SHADOW(name, type, id) defines name_get(obj), name_get_or_alloc(obj, gfp)
 * (zero-filled on allocation), name_free(obj) and name_free_all() — free them all in a
 * post-unpatch callback, or they outlive the patch.
 */
#ifndef SUTURE_PATCH_H
#define SUTURE_PATCH_H

#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/livepatch.h>

#define __SUTURE_CALLBACK(kind, ret, fn)                                                      \
	static ret (*const __suture_##kind##_##fn)(struct klp_object *) __used                 \
		__section(".suture.callback." #kind) = fn

#define SUTURE_PRE_PATCH(fn)    __SUTURE_CALLBACK(pre_patch, int, fn)
#define SUTURE_POST_PATCH(fn)   __SUTURE_CALLBACK(post_patch, void, fn)
#define SUTURE_PRE_UNPATCH(fn)  __SUTURE_CALLBACK(pre_unpatch, void, fn)
#define SUTURE_POST_UNPATCH(fn) __SUTURE_CALLBACK(post_unpatch, void, fn)

/* Two longs per state, id then version, in declaration order. */
#define SUTURE_STATE(id, version)                                                              \
	static const unsigned long __suture_state_##id[2] __used __section(".suture.state") = { \
		(id), (version)                                                                 \
	}

#define SUTURE_SHADOW(name, type, id)                                                          \
	static inline type *name##_get(void *obj)                                               \
	{                                                                                       \
		return klp_shadow_get(obj, (id));                                               \
	}                                                                                       \
	static inline type *name##_get_or_alloc(void *obj, gfp_t gfp)                           \
	{                                                                                       \
		return klp_shadow_get_or_alloc(obj, (id), sizeof(type), gfp, NULL, NULL);       \
	}                                                                                       \
	static inline void name##_free(void *obj)                                               \
	{                                                                                       \
		klp_shadow_free(obj, (id), NULL);                                               \
	}                                                                                       \
	static inline void name##_free_all(void)                                                \
	{                                                                                       \
		klp_shadow_free_all((id), NULL);                                                \
	}

#endif
