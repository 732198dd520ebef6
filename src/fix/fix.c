/* Unified diff parser and checks; see fix.h.
 *
 * Text before the first `--- ` line of each file (mail headers, `diff --git` lines, a commit
 * message) is read only for the git markers that announce what a plain diff cannot express:
 * renames, deletions, binary content, mode changes.
 */
#include "fix/fix.h"
#include "util/log.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor {
	const char *name;
	const char *p, *end;
	unsigned int lineno;
	const char *line; /* the current line, without its newline */
	size_t len;
};

static bool next_line(struct cursor *c)
{
	const char *nl;

	if (c->p >= c->end)
		return false;
	nl = memchr(c->p, '\n', c->end - c->p);
	c->line = c->p;
	c->len = (nl ? nl : c->end) - c->p;
	c->p = nl ? nl + 1 : c->end;
	c->lineno++;
	return true;
}

static bool starts(const struct cursor *c, const char *prefix)
{
	size_t n = strlen(prefix);

	return c->len >= n && memcmp(c->line, prefix, n) == 0;
}

static int fail(const struct cursor *c, const char *what)
{
	log_error("%s:%u: %s", c->name, c->lineno, what);
	return -1;
}

/* The path of a ---/+++ line: up to a tab (git and diff -u put a timestamp there). */
static char *header_path(const struct cursor *c)
{
	const char *s = c->line + 4, *e = c->line + c->len;
	const char *tab = memchr(s, '\t', e - s);

	if (tab)
		e = tab;
	while (e > s && e[-1] == ' ')
		e--;
	return strndup(s, e - s);
}

/* Strips the a/ or b/ prefix (patch -p1) and checks the path stays inside the tree. */
static int tree_path(const struct cursor *c, char *raw, char **out)
{
	char *p = raw, *seg;

	if (raw[0] == '/')
		return fail(c, "an absolute path: a fix names files relative to the kernel tree");
	seg = strchr(p, '/');
	if (!seg || !seg[1])
		return fail(c, "a path with no a/ or b/ prefix (make the diff with `diff -u a/... b/...` or git)");
	p = seg + 1;
	for (const char *s = p; *s;) {
		size_t n = strcspn(s, "/");

		if ((n == 2 && s[0] == '.' && s[1] == '.') || (n == 1 && s[0] == '.') || n == 0)
			return fail(c, "a path with '.', '..' or '//' in it: a fix may only name files inside the tree");
		s += n + (s[n] == '/');
	}
	*out = strdup(p);
	return *out ? 0 : fail(c, "out of memory");
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether livepatching can take a change to this file; 1 when it is not compiled at all. */
static int check_kind(const struct cursor *c, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (has_suffix(path, ".c") || has_suffix(path, ".h"))
		return 0;
	if (has_suffix(path, ".S") || has_suffix(path, ".s"))
		return fail(c, "changes assembly: livepatch replaces C functions, a .S change cannot be built");
	if (strncmp(base, "Kconfig", 7) == 0 || strncmp(base, "Makefile", 8) == 0 ||
	    strncmp(base, "Kbuild", 6) == 0 || has_suffix(path, ".config"))
		return fail(c, "changes the build configuration: the running kernel was built with the old one");
	log_warn("%s:%u: %s is not compiled into the kernel; its change is not part of the live patch",
		 c->name, c->lineno, path);
	return 1;
}

static struct fix_file *file_for(struct fix *fix, const char *path)
{
	struct fix_file *more;

	for (size_t i = 0; i < fix->n_files; i++)
		if (strcmp(fix->files[i].path, path) == 0)
			return &fix->files[i];
	more = realloc(fix->files, (fix->n_files + 1) * sizeof(*more));
	if (!more)
		return NULL;
	fix->files = more;
	memset(&more[fix->n_files], 0, sizeof(*more));
	more[fix->n_files].path = strdup(path);
	return more[fix->n_files].path ? &more[fix->n_files++] : NULL;
}

/* One side of a hunk header, "l" or "l,s" after its '-' or '+': the line count s (1 if omitted). */
static const char *hunk_range(const char *s, const char *end, unsigned long *count)
{
	const char *digits = s;

	while (s < end && *s >= '0' && *s <= '9')
		s++;
	if (s == digits)
		return NULL;
	*count = 1;
	if (s < end && *s == ',') {
		*count = 0;
		for (digits = ++s; s < end && *s >= '0' && *s <= '9'; s++)
			*count = *count * 10 + (unsigned long)(*s - '0');
		if (s == digits || *count > 10000000)
			return NULL;
	}
	return s;
}

/* "@@ -l[,s] +l[,s] @@": the line counts of the old and the new side. */
static int hunk_counts(const struct cursor *c, unsigned long *old, unsigned long *new)
{
	const char *s = c->line, *end = c->line + c->len;

	if (c->len < 4 || memcmp(s, "@@ -", 4) != 0 || !(s = hunk_range(s + 4, end, old)) ||
	    end - s < 2 || memcmp(s, " +", 2) != 0 || !(s = hunk_range(s + 2, end, new)) ||
	    end - s < 3 || memcmp(s, " @@", 3) != 0)
		return fail(c, "a malformed hunk header");
	return 0;
}

static int parse_hunks(struct cursor *c, struct fix_file *f)
{
	unsigned long old, new;

	/* After the +++ line: hunks, until a line that is not part of one. */
	while (c->p < c->end && c->p[0] == '@') {
		next_line(c);
		if (hunk_counts(c, &old, &new))
			return -1;
		f->hunks++;
		while (old || new) {
			if (!next_line(c))
				return fail(c, "the diff ends inside a hunk (truncated?)");
			switch (c->len ? c->line[0] : ' ') {
			case ' ':
				if (!old-- || !new--)
					return fail(c, "a hunk with more lines than its header says");
				break;
			case '-':
				if (!old--)
					return fail(c, "a hunk with more removed lines than its header says");
				f->removed++;
				break;
			case '+':
				if (!new--)
					return fail(c, "a hunk with more added lines than its header says");
				f->added++;
				break;
			case '\\':
				break;
			default:
				return fail(c, "a hunk with fewer lines than its header says");
			}
		}
		if (c->p < c->end && c->p[0] == '\\')
			next_line(c);
	}
	if (!f->hunks)
		return fail(c, "a file header with no hunk after it");
	return 0;
}

int fix_parse(struct fix *fix, const char *name, const char *text, size_t len)
{
	struct cursor c = { .name = name, .p = text, .end = text + len };
	unsigned int sections = 0; /* ---/+++ file sections in this text */

	if (memchr(text, '\0', len)) {
		log_error("%s: binary data in the diff (not a text unified diff)", name);
		return -1;
	}
	while (next_line(&c)) {
		char *old_raw = NULL, *new_raw = NULL, *old_path = NULL, *new_path = NULL;
		struct fix_file *f;
		int kind, ret = -1;

		if (starts(&c, "GIT binary patch") || starts(&c, "Binary files "))
			return fail(&c, "a binary change: livepatch can only take source changes");
		if (starts(&c, "rename from ") || starts(&c, "rename to ") || starts(&c, "copy from "))
			return fail(&c, "a renamed or copied file: the running kernel's objects keep their names");
		if (starts(&c, "deleted file mode"))
			return fail(&c, "a deleted file: the running kernel keeps the code it was built from");
		if (!starts(&c, "--- "))
			continue;
		old_raw = header_path(&c);
		if (!next_line(&c) || !starts(&c, "+++ ")) {
			free(old_raw);
			return fail(&c, "a '---' line without a '+++' line after it");
		}
		new_raw = header_path(&c);
		if (!old_raw || !new_raw) {
			ret = fail(&c, "out of memory");
			goto next;
		}
		if (strcmp(new_raw, "/dev/null") == 0) {
			ret = fail(&c, "a deleted file: the running kernel keeps the code it was built from");
			goto next;
		}
		if (tree_path(&c, new_raw, &new_path))
			goto next;
		if (strcmp(old_raw, "/dev/null") != 0) {
			if (tree_path(&c, old_raw, &old_path))
				goto next;
			if (strcmp(old_path, new_path) != 0) {
				ret = fail(&c, "a renamed file: the running kernel's objects keep their names");
				goto next;
			}
		}
		kind = check_kind(&c, new_path);
		if (kind < 0)
			goto next;
		f = file_for(fix, new_path);
		if (!f) {
			ret = fail(&c, "out of memory");
			goto next;
		}
		if (!old_path && f->hunks == 0)
			f->change = FIX_CREATE;
		ret = parse_hunks(&c, f);
		sections++;
		if (!ret && kind == 1) {
			/* Not compiled: parsed for its well-formedness only. */
			free(f->path);
			fix->n_files--;
			fix->n_ignored++;
		}
next:
		free(old_raw);
		free(new_raw);
		free(old_path);
		free(new_path);
		if (ret)
			return -1;
	}
	if (!sections) {
		log_error("%s: no file changes in it (not a unified diff?)", name);
		return -1;
	}
	return 0;
}

int fix_load(struct fix *fix, const char *path)
{
	char *text = NULL;
	size_t len = 0, cap = 0;
	FILE *f = fopen(path, "r");
	int ret;

	if (!f) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t n;

		if (len == cap) {
			char *more = realloc(text, cap = cap ? cap * 2 : 65536);

			if (!more) {
				free(text);
				fclose(f);
				log_error("%s: out of memory", path);
				return -1;
			}
			text = more;
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		log_error("%s: read error", path);
		ret = -1;
	} else {
		ret = fix_parse(fix, path, text ? text : "", len);
	}
	free(text);
	fclose(f);
	return ret;
}

void fix_free(struct fix *fix)
{
	for (size_t i = 0; i < fix->n_files; i++)
		free(fix->files[i].path);
	free(fix->files);
	memset(fix, 0, sizeof(*fix));
}
