/* The build pipeline; see build.h. One struct unit per compiled source file carries it from the
 * pair through the diff engine to the emitted object.
 */
#define _GNU_SOURCE
#include "build/build.h"
#include "build/author.h"
#include "build/meta.h"
#include "build/pause.h"
#include "diff/diff.h"
#include "fix/fix.h"
#include "klp/emit.h"
#include "klp/module.h"
#include "klp/probe.h"
#include "target/paths.h"
#include "target/release.h"
#include "target/run.h"
#include "target/symbols.h"
#include "target/symvers.h"
#include "tree/apply.h"
#include "tree/cache.h"
#include "tree/farm.h"
#include "tree/fidelity.h"
#include "tree/pair.h"
#include "tree/where.h"
#include "types/types.h"
#include "util/log.h"
#include "util/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#define STAGES 5

struct unit {
	struct where w;
	char orig[PATH_MAX], patched[PATH_MAX], out[PATH_MAX];
	struct elf_object *eo, *ep;
	struct diff d;
	int diffed;
	struct fidelity fid;
	struct strv changed;     /* the functions livepatch redirects */
	unsigned long *sympos;   /* of each changed function in the running kernel */
	size_t n_new;            /* new functions (called from the changed ones) */
	struct author author;    /* callbacks and states the fix declares in this file */
	struct type_findings types; /* data-layout changes the file's functions reach */
};

struct build {
	const struct build_opts *o;
	struct target t;
	struct tree tr;
	struct fix fix;
	struct meta meta;
	struct strv sources;
	struct unit *units;
	size_t n_units;
	struct ksyms ks;
	struct symvers sv;
	struct special_layout layout;
	struct stub_state *states; /* of every file */
	size_t n_states;
	char work[PATH_MAX];
	int stage;
	double started, stage_started;
};

static void stage_done(struct build *b, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void stage_done(struct build *b, const char *name, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	double now = now_seconds();

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	log_info("build: [%d/%d] %-7s %s (%.1f s)", ++b->stage, STAGES, name, what, now - b->stage_started);
	b->stage_started = now;
}

static int interrupted(void)
{
	if (!run_interrupted())
		return 0;
	log_error("build: interrupted; nothing was written");
	return 1;
}

/* The fix: parsed, checked, applied to private copies of the files it changes. */
static int stage_fix(struct build *b)
{
	char newdir[PATH_MAX];

	build_test_pause("fix");
	for (size_t i = 0; i < b->o->n_diffs; i++)
		if (fix_load(&b->fix, b->o->diffs[i]) < 0)
			return -1;
	if (meta_read(&b->meta, b->o->diffs, b->o->n_diffs) < 0 || target_open(&b->t, "build", b->o->release) < 0 ||
	    tree_locate(&b->tr, &b->t, "build") < 0 || tree_prepare(&b->tr, "build") < 0)
		return -1;
	if (path_printf(newdir, sizeof(newdir), "%s/new", b->work) < 0 ||
	    tree_apply_fix(&b->tr, &b->fix, b->o->diffs, b->o->n_diffs, newdir, "build") < 0 ||
	    tree_fix_sources(&b->tr, &b->fix, &b->sources, "build") < 0)
		return -1;
	stage_done(b, "fix", "applies to %s (%s): %zu file%s changed, %zu to compile", b->t.release, b->t.version,
		   b->fix.n_files, b->fix.n_files == 1 ? "" : "s", b->sources.n);
	return 0;
}

/* vmlinux's symbols from the dump named by --kallsyms, else the cached dump of the target, else the
 * running kernel's when it is the target. */
static int load_kallsyms(struct build *b)
{
	char path[PATH_MAX], err[512];
	struct utsname u;

	if (b->o->kallsyms)
		snprintf(path, sizeof(path), "%s", b->o->kallsyms);
	else if (path_printf(path, sizeof(path), "%s/kallsyms.gz", b->t.kernel_dir) < 0 || access(path, R_OK) < 0) {
		if (uname(&u) < 0 || strcmp(u.release, b->t.release) != 0) {
			log_error("build: no kallsyms dump of %s (capture one on a machine running it: tests/vm/"
				  "capture-kallsyms, or pass --kallsyms FILE)", b->t.release);
			return -1;
		}
		snprintf(path, sizeof(path), "/proc/kallsyms");
	}
	if (ksyms_load_kallsyms(&b->ks, path, err, sizeof(err)) < 0) {
		log_error("build: %s: %s", path, err);
		return -1;
	}
	return 0;
}

/* The pairs, where each file goes, and whether each original matches the running kernel. */
static int stage_pairs(struct build *b)
{
	/* One more change than the fix has: the author API header, which only the patched side sees. */
	struct pair_change *changes = calloc(b->fix.n_files + 1, sizeof(*changes));
	struct pair_opts po = { .jobs = b->o->jobs };
	char pairs[PATH_MAX], err[512];
	int ret = -1;

	build_test_pause("pairs");
	if (!changes || !(b->units = calloc(b->sources.n, sizeof(*b->units))) ||
	    path_printf(pairs, sizeof(pairs), "%s/pairs", b->work) < 0)
		goto out;
	b->n_units = b->sources.n;
	for (size_t i = 0; i < b->fix.n_files; i++) {
		changes[i].path = b->fix.files[i].path;
		if (asprintf((char **)&changes[i].file, "%s/new/%s", b->work, b->fix.files[i].path) < 0)
			goto out;
	}
	changes[b->fix.n_files].path = AUTHOR_HEADER;
	if (asprintf((char **)&changes[b->fix.n_files].file, "%s/author-patch.h", b->work) < 0)
		goto out;
	po.outdir = pairs;
	if (author_write_header(changes[b->fix.n_files].file) < 0 || load_kallsyms(b) < 0)
		goto out;
	for (size_t i = 0; i < b->n_units; i++) {
		struct unit *u = &b->units[i];
		char ko[PATH_MAX];

		if (tree_where(&b->tr, b->sources.v[i], &u->w, "build") < 0)
			goto out;
		if (u->w.builtin)
			continue;
		if (path_printf(ko, sizeof(ko), "%s/%s", b->t.modules_dir, u->w.modfile) < 0 ||
		    ksyms_load_module(&b->ks, ko, err, sizeof(err)) < 0) {
			log_error("build: %s: %s", u->w.source, err);
			goto out;
		}
	}
	if (ksyms_finish(&b->ks) < 0 || tree_pairs(&b->tr, &b->sources, changes, b->fix.n_files + 1, &po, "build") < 0)
		goto out;
	for (size_t i = 0; i < b->n_units; i++) {
		struct unit *u = &b->units[i];

		if (path_printf(u->orig, sizeof(u->orig), "%s/orig/%s", pairs, u->w.obj) < 0 ||
		    path_printf(u->patched, sizeof(u->patched), "%s/patched/%s", pairs, u->w.obj) < 0 ||
		    path_printf(u->out, sizeof(u->out), "%s/out-%zu.o", b->work, i) < 0 ||
		    fidelity_check(&b->tr, &u->w, u->orig, &b->ks, &u->fid, "build") < 0)
			goto out;
	}
	stage_done(b, "pairs", "%zu original and patched object%s compiled", b->n_units, b->n_units == 1 ? "" : "s");
	ret = 0;
out:
	if (ret < 0 && !changes)
		log_error("build: out of memory");
	for (size_t i = 0; changes && i <= b->fix.n_files; i++)
		free((char *)changes[i].file);
	free(changes);
	return ret;
}

static unsigned long matched_sympos(const struct fidelity *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].name, name))
			return f->f[i].sympos;
	return 0;
}

static const char *mismatch_reason(const struct fidelity *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].name, name))
			return f->f[i].why;
	return "not in the running kernel";
}

/* Compares the data layouts the unit's changed and new functions reach (types/types.h); an unsafe
 * change becomes a refusal of the file, the others are reported. */
static int check_types(struct build *b, struct unit *u)
{
	if (types_check_diff(&u->d, u->orig, u->patched, b->o->allowed_layouts, &u->types, u->w.source) < 0)
		return -1;
	for (size_t i = 0; i < u->types.n; i++) {
		const struct type_finding *f = &u->types.v[i];

		if (f->verdict == TYPE_UNSAFE &&
		    !diff_decide(&u->d, DIFF_OBJECT, DIFF_REFUSED, NULL, NULL, f->what, "%s", f->message)) {
			log_error("build: %s: out of memory", u->w.source);
			return -1;
		}
		if (f->verdict != TYPE_UNSAFE && !b->o->check)
			log_info("build: %s: %s: %s", u->w.source, f->what, f->message);
	}
	return 0;
}

/* Runs the engine on one unit and collects the functions livepatch redirects. Returns the number
 * of refusals (print_refusals says them), or -1 on failure. */
static int diff_unit(struct build *b, struct unit *u)
{
	char err[512];
	int refused = 0;

	if (!(u->eo = elf_read(u->orig, err, sizeof(err))) || !(u->ep = elf_read(u->patched, err, sizeof(err))) ||
	    diff_run(&u->d, u->eo, u->ep, &b->layout, err, sizeof(err)) < 0) {
		log_error("build: %s: %s", u->w.source, err);
		return -1;
	}
	u->diffed = 1;
	if (author_read(u->ep, u->w.source, &u->author) < 0 || check_types(b, u) < 0)
		return -1;
	for (size_t i = 0; i < u->d.nr_decisions; i++) {
		struct diff_decision *dec = &u->d.decisions[i];
		unsigned long *sp;

		if (dec->kind == DIFF_FUNCTION && dec->status == DIFF_CHANGED && !diff_is_cold_part(dec->name) &&
		    !fidelity_function_ok(&u->fid, dec->name)) {
			char why[512];

			snprintf(why, sizeof(why), "its compiled original does not match the running kernel (%s)",
				 mismatch_reason(&u->fid, dec->name));
			free(dec->reason);
			dec->reason = strdup(why);
			dec->status = DIFF_REFUSED;
		}
		if (dec->status == DIFF_REFUSED) {
			refused++;
			continue;
		}
		if (dec->kind != DIFF_FUNCTION || diff_is_cold_part(dec->name))
			continue;
		if (dec->status == DIFF_NEW)
			u->n_new++;
		if (dec->status != DIFF_CHANGED)
			continue;
		if (!(sp = realloc(u->sympos, (u->changed.n + 1) * sizeof(*sp)))) {
			log_error("build: out of memory");
			return -1;
		}
		u->sympos = sp;
		sp[u->changed.n] = matched_sympos(&u->fid, dec->name);
		if (strv_push(&u->changed, dec->name) < 0) {
			log_error("build: out of memory");
			return -1;
		}
	}
	return refused;
}

/* Whether the unit refused the data type of that name (a changed header's struct is refused
 * in every file that includes it). */
static int unit_refuses_type(const struct unit *u, const char *name)
{
	for (size_t j = 0; j < u->d.nr_decisions; j++) {
		const struct diff_decision *dec = &u->d.decisions[j];

		if (dec->kind == DIFF_OBJECT && dec->status == DIFF_REFUSED && !strcmp(dec->name, name))
			return 1;
	}
	return 0;
}

/* The first unit that refused the data type of that name. */
static size_t first_unit_refusing(const struct build *b, const char *name)
{
	size_t m = 0;

	while (m < b->n_units && !unit_refuses_type(&b->units[m], name))
		m++;
	return m;
}

/* One error line per refusal; a data type refused in several files is one line, said with the
 * first of them and naming the others. */
static void print_refusals(const struct build *b)
{
	for (size_t k = 0; k < b->n_units; k++) {
		const struct unit *u = &b->units[k];

		for (size_t i = 0; i < u->d.nr_decisions; i++) {
			const struct diff_decision *dec = &u->d.decisions[i];
			char also[1024] = "";
			size_t others = 0;

			if (dec->status != DIFF_REFUSED)
				continue;
			if (dec->kind == DIFF_OBJECT) {
				if (first_unit_refusing(b, dec->name) != k)
					continue;
				for (size_t m = k + 1; m < b->n_units; m++)
					if (unit_refuses_type(&b->units[m], dec->name))
						text_append(also, sizeof(also), "%s%s", others++ ? ", " : " (also in ",
							    b->units[m].w.source);
				if (others)
					text_append(also, sizeof(also), ")");
			}
			log_error("build: %s%s: %s: %s", u->w.source, also, dec->name,
				  dec->reason ? dec->reason : "refused");
		}
	}
}

/* Whether a unit goes into the module: it changes functions, or declares callbacks or states. */
static int emits(const struct unit *u)
{
	return u->changed.n || author_any(&u->author);
}

static void print_author(const struct author *a)
{
	const struct stub_callbacks *c = &a->callbacks;
	const char *kinds[] = { "pre-patch", "post-patch", "pre-unpatch", "post-unpatch" };
	const char *fns[] = { c->pre_patch, c->post_patch, c->pre_unpatch, c->post_unpatch };

	for (size_t i = 0; i < 4; i++)
		if (fns[i])
			printf("  callback %s: %s\n", kinds[i], fns[i]);
	for (size_t i = 0; i < a->n_states; i++)
		printf("  state    id %lu version %u\n", a->states[i].id, a->states[i].version);
}

static void print_check(const struct build *b)
{
	for (size_t i = 0; i < b->n_units; i++) {
		const struct unit *u = &b->units[i];

		printf("%s (%s):\n", u->w.source, u->w.object);
		diff_print(&u->d, stdout, "  ");
		print_author(&u->author);
		for (size_t k = 0; k < u->types.n; k++)
			if (u->types.v[k].verdict != TYPE_UNSAFE)
				printf("  layout   %s: %s\n", u->types.v[k].what, u->types.v[k].message);
		if (!emits(u) && !u->n_new)
			printf("  (no function changes)\n");
	}
}

static int stage_diff(struct build *b)
{
	size_t changed = 0, refused = 0, files = 0;
	char err[512];

	build_test_pause("diff");
	if (layout_probe(&b->tr, &b->layout, "build") < 0)
		return -1;
	for (size_t i = 0; i < b->n_units; i++) {
		int r = diff_unit(b, &b->units[i]);

		if (r < 0)
			return -1;
		refused += (size_t)r;
		changed += b->units[i].changed.n;
		files += (size_t)emits(&b->units[i]);
	}
	if (b->o->check) {
		print_check(b);
		if (refused)
			log_error("build: %zu refusal%s (listed above)", refused, refused == 1 ? "" : "s");
		return refused ? -1 : 0;
	}
	if (refused) {
		print_refusals(b);
		return -1;
	}
	if (!files) {
		log_error("build: the fix changes no function of the running kernel (the compiled code of every"
			  " file it touches is the same)");
		return -1;
	}
	for (size_t i = 0; i < b->n_units; i++) {
		struct unit *u = &b->units[i];

		if (emits(u) && diff_write_output(&u->d, u->out, err, sizeof(err)) < 0) {
			log_error("build: %s: %s", u->w.source, err);
			return -1;
		}
	}
	stage_done(b, "diff", "%zu function%s changed in %zu file%s", changed, changed == 1 ? "" : "s", files,
		   files == 1 ? "" : "s");
	return 0;
}

/* The stub's objects: one per livepatch object, in order of first appearance. */
struct objects {
	struct stub_object *v;
	size_t n;
};

static struct stub_object *object_named(struct objects *objs, const char *name)
{
	struct stub_object *v;

	for (size_t i = 0; i < objs->n; i++)
		if (!strcmp(objs->v[i].name ? objs->v[i].name : VMLINUX, name))
			return &objs->v[i];
	if (!(v = realloc(objs->v, (objs->n + 1) * sizeof(*v))))
		return NULL;
	objs->v = v;
	memset(&v[objs->n], 0, sizeof(*v));
	v[objs->n].name = strcmp(name, VMLINUX) ? name : NULL;
	return &v[objs->n++];
}

static int stage_emit(struct build *b, struct emit_patch *ep, struct objects *objs, struct strv *outputs)
{
	char path[PATH_MAX];
	size_t funcs = 0;

	build_test_pause("emit");
	ep->ks = &b->ks;
	ep->sv = &b->sv;
	ep->layout = &b->layout;
	if (path_printf(path, sizeof(path), "%s/Module.symvers", b->t.headers_dir) < 0 || symvers_load(&b->sv, path) < 0)
		return -1;
	for (size_t i = 0; i < b->n_units; i++)
		if (emits(&b->units[i]) && emit_note_definitions(ep, b->units[i].out) < 0)
			return -1;
	for (size_t i = 0; i < b->n_units; i++) {
		struct unit *u = &b->units[i];
		struct emit_file f = { .path = u->out, .source = u->w.source, .object = u->w.object, .orig = u->eo,
				       .callbacks = u->author.callbacks };
		struct stub_object *obj;
		struct stub_func *fv;
		struct stub_state *sv;

		if (!emits(u))
			continue;
		if (u->author.n_states) {
			if (!(sv = realloc(b->states, (b->n_states + u->author.n_states) * sizeof(*sv)))) {
				log_error("build: out of memory");
				return -1;
			}
			memcpy(sv + b->n_states, u->author.states, u->author.n_states * sizeof(*sv));
			b->states = sv;
			b->n_states += u->author.n_states;
		}
		if (!(obj = object_named(objs, u->w.object)) || strv_push(outputs, u->out) < 0) {
			log_error("build: out of memory");
			return -1;
		}
		fv = (struct stub_func *)obj->funcs;
		if (emit_file(ep, &f, u->changed.v, u->sympos, u->changed.n, &fv, &obj->n_funcs, &obj->callbacks) < 0)
			return -1;
		obj->funcs = fv;
		funcs += u->changed.n;
	}
	stage_done(b, "emit", "%zu function%s in %zu object%s", funcs, funcs == 1 ? "" : "s", objs->n,
		   objs->n == 1 ? "" : "s");
	return 0;
}

static int sign_module(const struct build *b, const char *ko)
{
	char tool[PATH_MAX];
	char *argv[] = { tool, "sha256", (char *)b->o->sign_key, (char *)b->o->sign_cert, (char *)ko, NULL };
	struct run_opts o = { 0 };
	int status;

	build_test_pause("sign");
	if (path_printf(tool, sizeof(tool), "%s/scripts/sign-file", b->t.headers_dir) < 0)
		return -1;
	status = run_cmd(&o, argv);
	if (status == RUN_INTERRUPTED) {
		log_error("build: signing %s: interrupted; nothing was written", b->o->name);
		return -1;
	}
	if (status != 0) {
		log_error("build: signing %s with %s failed (sign-file exit %d)", b->o->name, b->o->sign_key, status);
		return -1;
	}
	return 0;
}

/* Puts the finished module at the output path whole, or not at all. */
static int install_module(const struct build *b, const char *ko)
{
	char tmp[PATH_MAX];

	if (path_printf(tmp, sizeof(tmp), "%s.tmp.%d", b->o->output, (int)getpid()) < 0)
		return -1;
	if (copy_file(ko, tmp) < 0 || rename(tmp, b->o->output) < 0) {
		log_error("build: %s: %s", b->o->output, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int stage_link(struct build *b, struct objects *objs, const struct strv *outputs)
{
	struct stub_patch patch = {
		.description = b->o->description ? b->o->description : b->meta.subject,
		.fix_ids = (const char *const *)(b->o->fix_ids ? b->o->fix_ids : b->meta.cves.v),
		.n_fix_ids = b->o->fix_ids ? b->o->n_fix_ids : b->meta.cves.n,
		.source_sha256 = b->meta.sha256,
		.replace = b->o->replace,
		.objects = objs->v,
		.n_objects = objs->n,
		.states = b->states,
		.n_states = b->n_states,
	};
	struct module_link m = {
		.name = b->o->name,
		.headers_dir = b->t.headers_dir,
		.objects = outputs->v,
		.n_objects = outputs->n,
		.patch = &patch,
	};
	char link[PATH_MAX], ko[PATH_MAX], description[256];

	build_test_pause("link");
	if (!patch.description) {
		snprintf(description, sizeof(description), "live patch built by suture from %s", b->o->diffs[0]);
		patch.description = description;
	}
	if (path_printf(link, sizeof(link), "%s/module", b->work) < 0 || mkdir(link, 0755) < 0) {
		log_error("build: %s: %s", link, strerror(errno));
		return -1;
	}
	m.workdir = link;
	if (module_link(&m, ko, sizeof(ko)) < 0 || emit_convert(ko) < 0)
		return -1;
	if (b->o->sign_key && sign_module(b, ko) < 0)
		return -1;
	if (interrupted() || install_module(b, ko) < 0)
		return -1;
	stage_done(b, "link", "%s%s", b->o->name, b->o->sign_key ? ", signed" : "");
	return 0;
}

/* The closing line: what the module patches. */
static void summary(const struct build *b, const struct objects *objs)
{
	char what[2048] = "";
	size_t len = 0;

	for (size_t i = 0; i < objs->n; i++)
		for (size_t k = 0; k < objs->v[i].n_funcs && len < sizeof(what) - 1; k++)
			len += (size_t)snprintf(what + len, sizeof(what) - len, "%s%s%s%s", len ? ", " : "",
						objs->v[i].name ? objs->v[i].name : "", objs->v[i].name ? ":" : "",
						objs->v[i].funcs[k].old_name);
	log_info("build: %s: live patch %s for %s replaces %s%s (%.1f s)", b->o->output, b->o->name, b->t.release,
		 what, b->o->replace ? ", replacing every loaded live patch" : "", now_seconds() - b->started);
}

static void cleanup(struct build *b)
{
	for (size_t i = 0; i < b->n_units; i++) {
		struct unit *u = &b->units[i];

		if (u->diffed)
			diff_free(&u->d);
		elf_free(u->eo);
		elf_free(u->ep);
		fidelity_free(&u->fid);
		strv_free(&u->changed);
		free(u->sympos);
		author_free(&u->author);
		type_findings_free(&u->types);
		where_free(&u->w);
	}
	free(b->units);
	free(b->states);
	fix_free(&b->fix);
	meta_free(&b->meta);
	strv_free(&b->sources);
	ksyms_free(&b->ks);
	symvers_free(&b->sv);
	if (!*b->work)
		return;
	if (b->o->keep)
		log_info("build: scratch directory kept: %s", b->work);
	else if (remove_tree(b->work) < 0)
		log_warn("build: cannot remove %s: %s", b->work, strerror(errno));
}

static int make_workdir(struct build *b)
{
	const char *tmp = getenv("TMPDIR");

	if (path_printf(b->work, sizeof(b->work), "%s/suture-build-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp",
			b->o->name) < 0 || !mkdtemp(b->work)) {
		log_error("build: cannot make a scratch directory in %s: %s", tmp && *tmp ? tmp : "/tmp", strerror(errno));
		b->work[0] = '\0';
		return -1;
	}
	return 0;
}

int build_run(const struct build_opts *o)
{
	struct build b = { .o = o };
	struct emit_patch ep = { 0 };
	struct objects objs = { 0 };
	struct strv outputs = { 0 };
	int rc = EXIT_FAIL;

	b.started = b.stage_started = now_seconds();
	run_catch_signals();
	if (module_name_check(o->name) < 0 || make_workdir(&b) < 0)
		goto out;
	if (stage_fix(&b) < 0 || interrupted() || stage_pairs(&b) < 0 || interrupted() || stage_diff(&b) < 0 ||
	    interrupted())
		goto out;
	if (o->check) {
		rc = EXIT_OK;
		goto out;
	}
	if (stage_emit(&b, &ep, &objs, &outputs) < 0 || interrupted() || stage_link(&b, &objs, &outputs) < 0)
		goto out;
	summary(&b, &objs);
	rc = EXIT_OK;
out:
	cleanup(&b);
	emit_patch_free(&ep);
	for (size_t i = 0; i < objs.n; i++)
		free((void *)objs.v[i].funcs);
	free(objs.v);
	strv_free(&outputs);
	if (run_interrupted())
		return 128 + run_interrupt_signal();
	return rc;
}
