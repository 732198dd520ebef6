// SPDX-License-Identifier: GPL-2.0
/*
 * shadow_counter: per-object state that the kernel's struct does not have, through livepatch
 * shadow variables. While the patch is enabled, every open file of /proc/cmdline counts how
 * often it was read, and each read shows the count on a second line. The count lives in a shadow
 * variable attached to the file's struct seq_file, which has no field for it:
 *
 * - cmdline_proc_show() is replaced by a copy that finds or creates the shadow
 *   (klp_shadow_get_or_alloc) and prints the count after the command line;
 * - single_release() (the release of every single_open() file, /proc/cmdline's included) is
 *   replaced by a copy that first frees the closing file's shadow, if it has one (klp_shadow_free);
 * - the post-unpatch callback frees every shadow still attached (klp_shadow_free_all): files
 *   that stay open across the unpatch, and files an unpatched task closed while the patch was
 *   still in transition (it ran the old single_release, which knows nothing of shadows);
 * - the pre-patch callback creates the debugfs file showing how many shadows were allocated and
 *   freed; the post-unpatch callback logs the final counts and removes it. Both counts come from
 *   the shadow API's own constructor and destructor calls, so "allocated == freed" after the
 *   unpatch means no shadow leaked.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/kprobes.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

/* Which shadow variable: unique among the patches that could attach to the same objects. */
#define SHADOW_READ_COUNT 0x5c0c0001UL

/* The state struct seq_file lacks. Reads of one seq_file are serialised by its mutex. */
struct read_count {
	unsigned long reads;
};

static atomic_long_t shadows_allocated, shadows_freed, shadows_freed_at_unpatch;
static struct dentry *stats_file;

/* init/main.c; not exported, found at init. */
static char **saved_command_line_address;

/* Called by the shadow API under its spinlock when it attaches a new shadow (zeroed already). */
static int read_count_ctor(void *seq_file, void *shadow, void *ctor_data)
{
	atomic_long_inc(&shadows_allocated);
	return 0;
}

/* Called by the shadow API under its spinlock for each shadow it frees. */
static void read_count_dtor(void *seq_file, void *shadow)
{
	atomic_long_inc(&shadows_freed);
}

static void read_count_dtor_at_unpatch(void *seq_file, void *shadow)
{
	atomic_long_inc(&shadows_freed_at_unpatch);
	read_count_dtor(seq_file, shadow);
}

/* fs/proc/cmdline.c, cmdline_proc_show(), plus the count. */
static int counting_cmdline_proc_show(struct seq_file *m, void *v)
{
	struct read_count *count;

	seq_puts(m, *saved_command_line_address);
	seq_putc(m, '\n');
	count = klp_shadow_get_or_alloc(m, SHADOW_READ_COUNT, sizeof(*count), GFP_KERNEL,
					read_count_ctor, NULL);
	if (count) /* without memory for it, the file reads as it always did */
		seq_printf(m, "reads through this open file: %lu\n", ++count->reads);
	return 0;
}

/* fs/seq_file.c, single_release(), with the shadow freed while its seq_file still exists. */
static int freeing_single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int res;

	klp_shadow_free(file->private_data, SHADOW_READ_COUNT, read_count_dtor);
	res = seq_release(inode, file);
	kfree(op);
	return res;
}

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "allocated %ld freed %ld\n", atomic_long_read(&shadows_allocated),
		   atomic_long_read(&shadows_freed));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int shadow_counter_pre_patch(struct klp_object *obj)
{
	stats_file = debugfs_create_file("shadow_counter", 0444, NULL, NULL, &stats_fops);
	return IS_ERR(stats_file) ? PTR_ERR(stats_file) : 0; /* an error refuses the patch */
}

/* Runs once no task can be in the patched functions any more, so no shadow is in use. */
static void shadow_counter_post_unpatch(struct klp_object *obj)
{
	klp_shadow_free_all(SHADOW_READ_COUNT, read_count_dtor_at_unpatch);
	pr_info("unpatched: %ld shadows allocated, %ld freed (%ld of them at unpatch)\n",
		atomic_long_read(&shadows_allocated), atomic_long_read(&shadows_freed),
		atomic_long_read(&shadows_freed_at_unpatch));
	debugfs_remove(stats_file);
}

static struct klp_func funcs[] = {
	{ .old_name = "cmdline_proc_show", .new_func = counting_cmdline_proc_show },
	{ .old_name = "single_release", .new_func = freeing_single_release },
	{ }
};

static struct klp_object objs[] = {
	{
		.funcs = funcs, /* vmlinux */
		.callbacks = {
			.pre_patch = shadow_counter_pre_patch,
			.post_unpatch = shadow_counter_post_unpatch,
		},
	},
	{ }
};

static struct klp_patch patch = {
	.mod = THIS_MODULE,
	.objs = objs,
};

/*
 * kallsyms_lookup_name() is not exported in 6.1 either, but a kprobe registered on it by name
 * tells its address (removed at once).
 */
static unsigned long lookup_symbol(const char *name)
{
	struct kprobe probe = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*kallsyms_lookup_name_by_address)(const char *name);

	if (register_kprobe(&probe) < 0)
		return 0;
	kallsyms_lookup_name_by_address = (void *)probe.addr;
	unregister_kprobe(&probe);
	return kallsyms_lookup_name_by_address(name);
}

static int shadow_counter_init(void)
{
	saved_command_line_address = (char **)lookup_symbol("saved_command_line");
	if (!saved_command_line_address) {
		pr_err("saved_command_line not found in kallsyms\n");
		return -ENOENT;
	}
	return klp_enable_patch(&patch);
}

/* Runs only after the post-unpatch callback: every shadow and the debugfs file are gone. */
static void shadow_counter_exit(void)
{
}

module_init(shadow_counter_init);
module_exit(shadow_counter_exit);
MODULE_DESCRIPTION("suture example: per-open-file read counter in a livepatch shadow variable");
MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
