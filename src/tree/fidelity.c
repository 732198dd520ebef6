/* Comparing original objects with the running kernel; see fidelity.h. */
#define _GNU_SOURCE
#include "tree/fidelity.h"
#include "target/elfsyms.h"
#include "target/paths.h"
#include "util/log.h"

#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* kallsyms has no sizes: the gap to the next function is its size plus alignment padding (functions are
 * aligned to 16 bytes here; allow up to 64 for explicitly aligned ones).
 */
#define MAX_PADDING 63

static int add_func(struct fidelity *out, const struct elfsym *s)
{
	struct fid_func *n = realloc(out->f, (out->n + 1) * sizeof(*n));

	if (!n)
		return -1;
	out->f = n;
	memset(&n[out->n], 0, sizeof(n[0]));
	if (!(n[out->n].name = strdup(s->name)))
		return -1;
	n[out->n].size = s->size;
	out->n++;
	return 0;
}

static int check_module(const struct tree *tr, const struct where *w, const struct elfsyms *obj,
			struct fidelity *out, const char *cmd)
{
	char ko[PATH_MAX], err[256];
	struct elfsyms mod;

	if (path_printf(ko, sizeof(ko), "%s/%s", tr->t.modules_dir, w->modfile) < 0 ||
	    elfsyms_read(ko, &mod, err, sizeof(err)) < 0) {
		log_error("%s: %s: the shipped module %s: %s", cmd, w->source, ko, err);
		return -1;
	}
	for (size_t i = 0; i < obj->count; i++) {
		const struct elfsym *s = &obj->syms[i];
		struct fid_func *f;
		int seen = 0;

		if (s->type != STT_FUNC)
			continue;
		if (add_func(out, s) < 0) {
			elfsyms_free(&mod);
			return -1;
		}
		f = &out->f[out->n - 1];
		for (size_t k = 0; k < mod.count && !f->matched; k++) {
			if (mod.syms[k].type != STT_FUNC || strcmp(mod.syms[k].name, s->name) != 0)
				continue;
			seen = 1;
			if (mod.syms[k].size == s->size) {
				f->matched = 1;
				f->sympos = 1;
				/* livepatch counts same-named symbols of a module in symbol-table order */
				for (size_t e = 0; e < k; e++)
					f->sympos += strcmp(mod.syms[e].name, s->name) == 0;
			}
			else
				snprintf(f->why, sizeof(f->why), "size %" PRIu64 " here, %" PRIu64 " in %.60s", s->size,
					 mod.syms[k].size, w->modfile);
		}
		if (!seen)
			snprintf(f->why, sizeof(f->why), "not in the shipped %.90s", w->modfile);
	}
	elfsyms_free(&mod);
	return 0;
}

static int is_text(const struct ksym *k)
{
	return k->type == 't' || k->type == 'T';
}

static int cmp_shndx(const void *a, const void *b)
{
	const struct elfsym *x = *(const struct elfsym *const *)a, *y = *(const struct elfsym *const *)b;

	return x->shndx != y->shndx ? (x->shndx < y->shndx ? -1 : 1) : (x->value < y->value ? -1 : x->value > y->value);
}

/* The functions compiled into plain .text (with -ffunction-sections: section ".text.<name>"), in the order
 * the linker lays them out: by section.
 */
static size_t plain_text(const struct elfsyms *obj, const struct elfsym **seq)
{
	size_t n = 0;

	for (size_t i = 0; i < obj->count; i++) {
		const struct elfsym *s = &obj->syms[i];

		if (s->type == STT_FUNC && strncmp(s->section, ".text.", 6) == 0 && strcmp(s->section + 6, s->name) == 0)
			seq[n++] = s;
	}
	qsort(seq, n, sizeof(seq[0]), cmp_shndx);
	return n;
}

/* text[] holds vmlinux's text symbols in kallsyms order. Finds the start position where most of seq lines
 * up, anchoring on every occurrence of every name.
 */
static size_t best_start(const struct ksyms *ks, const struct ksym **text, size_t ntext, const size_t *pos_of,
			 const struct elfsym **seq, size_t nseq, size_t *score)
{
	size_t best = 0, best_score = 0;

	for (size_t i = 0; i < nseq; i++) {
		size_t first, n = ksyms_lookup(ks, seq[i]->name, &first);

		for (size_t k = first; k < first + n; k++) {
			size_t p, sc = 0;

			if (strcmp(ks->v[k].object, VMLINUX) != 0 || !is_text(&ks->v[k]) || pos_of[ks->v[k].order] == SIZE_MAX)
				continue;
			p = pos_of[ks->v[k].order];
			if (p < i)
				continue;
			for (size_t j = 0; j < nseq && p - i + j < ntext; j++)
				sc += strcmp(text[p - i + j]->name, seq[j]->name) == 0;
			if (sc > best_score) {
				best_score = sc;
				best = p - i;
			}
		}
	}
	*score = best_score;
	return best;
}

static int check_vmlinux(const struct ksyms *ks, const struct elfsyms *obj, struct fidelity *out)
{
	const struct elfsym **seq = calloc(obj->count + 1, sizeof(*seq));
	const struct ksym **text = calloc(ks->nvmlinux + 1, sizeof(*text));
	size_t *pos_of = malloc((ks->nvmlinux + 1) * sizeof(size_t) + ks->n * sizeof(size_t));
	size_t nseq, ntext = 0, start, score, q, maxorder = 0;
	int rc = -1;

	if (!seq || !text || !pos_of)
		goto out;
	for (size_t i = 0; i < ks->nvmlinux; i++)
		if (ks->v[ks->vmlinux[i]].order > maxorder)
			maxorder = ks->v[ks->vmlinux[i]].order;
	for (size_t i = 0; i <= maxorder; i++)
		pos_of[i] = SIZE_MAX;
	for (size_t i = 0; i < ks->nvmlinux; i++) {
		const struct ksym *k = &ks->v[ks->vmlinux[i]];

		if (is_text(k)) {
			pos_of[k->order] = ntext;
			text[ntext++] = k;
		}
	}
	nseq = plain_text(obj, seq);
	start = best_start(ks, text, ntext, pos_of, seq, nseq, &score);
	if (score)
		out->text_start = text[start]->addr;
	/* Walk the file's .text functions and kallsyms together; a name missing on either side is skipped
	 * (a few entries of lookahead), everything else must line up.
	 */
	q = start;
	for (size_t i = 0; i < nseq; i++) {
		struct fid_func *f;
		size_t d;

		if (add_func(out, seq[i]) < 0)
			goto out;
		f = &out->f[out->n - 1];
		if (!score) {
			snprintf(f->why, sizeof(f->why), "the file's .text is not in kallsyms");
			continue;
		}
		for (d = 0; d < 4 && q + d < ntext && strcmp(text[q + d]->name, seq[i]->name) != 0; d++)
			;
		if (d == 4 || q + d >= ntext) {
			snprintf(f->why, sizeof(f->why), "%s", seq[i]->bind == STB_WEAK ?
				 "a weak definition: the kernel links another one instead" :
				 "not where the file's other functions are in kallsyms");
			continue;
		}
		q += d;
		f->matched = 1;
		f->sympos = text[q]->sympos;
		if (q + 1 < ntext && i + 1 < nseq && strcmp(text[q + 1]->name, seq[i + 1]->name) == 0) {
			uint64_t gap = text[q + 1]->addr - text[q]->addr;

			if (gap < seq[i]->size || gap > seq[i]->size + MAX_PADDING) {
				f->matched = 0;
				snprintf(f->why, sizeof(f->why), "size %" PRIu64 " here, but %" PRIu64 " bytes to the next "
					 "function in the kernel", seq[i]->size, gap);
			}
		}
		q++;
	}
	/* Functions in other sections (.init.text, .text.unlikely.*, .sched.text, ...): by name. */
	for (size_t i = 0; i < obj->count; i++) {
		const struct elfsym *s = &obj->syms[i];
		size_t first, n;
		int found = 0;

		if (s->type != STT_FUNC || (strncmp(s->section, ".text.", 6) == 0 && strcmp(s->section + 6, s->name) == 0))
			continue;
		if (add_func(out, s) < 0)
			goto out;
		n = ksyms_lookup(ks, s->name, &first);
		for (size_t k = first; k < first + n; k++)
			found |= strcmp(ks->v[k].object, VMLINUX) == 0 && is_text(&ks->v[k]);
		out->f[out->n - 1].matched = found;
		if (!found)
			snprintf(out->f[out->n - 1].why, sizeof(out->f[0].why), "not in kallsyms (section %.60s)", s->section);
	}
	rc = 0;
out:
	free(seq);
	free(text);
	free(pos_of);
	return rc;
}

int fidelity_check(const struct tree *tr, const struct where *w, const char *orig, const struct ksyms *ks,
		   struct fidelity *out, const char *cmd)
{
	struct elfsyms obj;
	char err[256];
	int rc;

	memset(out, 0, sizeof(*out));
	if (elfsyms_read(orig, &obj, err, sizeof(err)) < 0) {
		log_error("%s: %s: %s", cmd, orig, err);
		return -1;
	}
	rc = w->builtin ? check_vmlinux(ks, &obj, out) : check_module(tr, w, &obj, out, cmd);
	elfsyms_free(&obj);
	for (size_t i = 0; rc == 0 && i < out->n; i++)
		out->matched += out->f[i].matched;
	if (rc < 0)
		fidelity_free(out);
	return rc;
}

int fidelity_function_ok(const struct fidelity *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].matched;
	return 0;
}

void fidelity_free(struct fidelity *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->f[i].name);
	free(f->f);
	memset(f, 0, sizeof(*f));
}

static int load_kallsyms(const struct tree *tr, struct ksyms *ks, const char *cmd)
{
	char path[PATH_MAX], err[256];

	if (path_printf(path, sizeof(path), "%s/kallsyms.gz", tr->t.kernel_dir) < 0 || access(path, R_OK) < 0) {
		log_warn("%s: no kallsyms dump of %s (tests/vm/capture-kallsyms makes one): vmlinux files are not "
			 "checked", cmd, tr->t.release);
		return 1;
	}
	if (ksyms_load_kallsyms(ks, path, err, sizeof(err)) < 0 || ksyms_finish(ks) < 0) {
		log_error("%s: %s: %s", cmd, path, err);
		return -1;
	}
	return 0;
}

int tree_fidelity_report(const struct tree *tr, const struct strv *sources, const char *outdir, int verbose,
			 const char *cmd)
{
	struct ksyms ks = { 0 };
	size_t total = 0, matched = 0;
	int have_ks = -2, rc = -1;

	for (size_t i = 0; i < sources->n; i++) {
		char orig[PATH_MAX];
		struct fidelity fd;
		struct where w;

		if (tree_where(tr, sources->v[i], &w, cmd) < 0)
			goto out;
		if (w.builtin && have_ks == -2 && (have_ks = load_kallsyms(tr, &ks, cmd)) < 0) {
			where_free(&w);
			goto out;
		}
		if (w.builtin && have_ks != 0) {
			where_free(&w);
			continue;
		}
		if (path_printf(orig, sizeof(orig), "%s/orig/%s", outdir, w.obj) < 0 ||
		    fidelity_check(tr, &w, orig, &ks, &fd, cmd) < 0) {
			where_free(&w);
			goto out;
		}
		printf("fidelity: %s vs %s: %zu/%zu functions match (%.0f%%)\n", w.source,
		       w.builtin ? "kallsyms" : w.modfile, fd.matched, fd.n, fd.n ? 100.0 * (double)fd.matched / (double)fd.n : 100.0);
		for (size_t k = 0; k < fd.n; k++)
			if (!fd.f[k].matched)
				printf("  mismatch: %s: %s\n", fd.f[k].name, fd.f[k].why);
			else if (verbose)
				printf("  match: %s size %" PRIu64 " sympos %u\n", fd.f[k].name, fd.f[k].size, fd.f[k].sympos);
		total += fd.n;
		matched += fd.matched;
		fidelity_free(&fd);
		where_free(&w);
	}
	if (total)
		printf("fidelity: %zu/%zu functions match the running kernel (%.1f%%)\n", matched, total,
		       100.0 * (double)matched / (double)total);
	rc = 0;
out:
	ksyms_free(&ks);
	return rc;
}
