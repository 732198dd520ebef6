/* Helpers for the diff engine's unit tests; see test_diff_case.h. */
#include "test_diff_case.h"
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>

const char *diff_cases_dir(void)
{
	const char *dir = getenv("SUTURE_DIFF_CASES");

	return dir ? dir : "build/diff-cases";
}

int diff_case_open(struct diff_case *c, const char *name)
{
	char path[512], err[512];

	memset(c, 0, sizeof(*c));
	snprintf(path, sizeof(path), "%s/probe/special_sizes.o", diff_cases_dir());
	if (special_layout_read(&c->layout, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "    %s\n", err);
		CHECK(!"special layout read");
		return -1;
	}
	snprintf(path, sizeof(path), "%s/orig/%s.o", diff_cases_dir(), name);
	c->orig = elf_read(path, err, sizeof(err));
	snprintf(path, sizeof(path), "%s/patched/%s.o", diff_cases_dir(), name);
	c->patched = c->orig ? elf_read(path, err, sizeof(err)) : NULL;
	if (!c->orig || !c->patched) {
		fprintf(stderr, "    %s: %s\n", path, err);
		CHECK(!"case objects read (run make unit)");
		return -1;
	}
	if (diff_run(&c->d, c->orig, c->patched, &c->layout, err, sizeof(err)) < 0) {
		fprintf(stderr, "    %s\n", err);
		CHECK(!"diff_run");
		return -1;
	}
	return 0;
}

void diff_case_close(struct diff_case *c)
{
	diff_free(&c->d);
	elf_free(c->orig);
	elf_free(c->patched);
	elf_free(c->output);
	if (*c->output_path)
		unlink(c->output_path);
}

const char *diff_case_status(const struct diff_case *c, const char *name)
{
	const struct diff_decision *dec = diff_find(&c->d, name);

	return dec ? diff_status_name(dec->status) : "none";
}

const char *diff_case_reason(const struct diff_case *c, const char *name)
{
	const struct diff_decision *dec = diff_find(&c->d, name);

	return dec && dec->reason ? dec->reason : "";
}

int diff_case_included(const struct diff_case *c, const char *name)
{
	const struct diff_decision *dec = diff_find(&c->d, name);

	return dec && dec->patched && c->d.included[dec->patched->index];
}

size_t diff_case_count_decided(const struct diff_case *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->d.nr_decisions; i++)
		n += c->d.decisions[i].status != DIFF_UNCHANGED;
	return n;
}

struct elf_object *diff_case_output(struct diff_case *c)
{
	char err[512];
	int fd;

	snprintf(c->output_path, sizeof(c->output_path), "/tmp/suture-diff-XXXXXX");
	fd = mkstemp(c->output_path);
	if (fd < 0) {
		CHECK(!"mkstemp");
		return NULL;
	}
	close(fd);
	if (diff_write_output(&c->d, c->output_path, err, sizeof(err)) < 0 ||
	    !(c->output = elf_read(c->output_path, err, sizeof(err)))) {
		fprintf(stderr, "    output: %s\n", err);
		CHECK(!"output written and read back");
		return NULL;
	}
	return c->output;
}

const struct diff_reference *diff_case_ref(const struct diff_case *c, const char *name)
{
	for (size_t i = 0; i < c->d.nr_refs; i++)
		if (!strcmp(c->d.refs[i].name, name))
			return &c->d.refs[i];
	return NULL;
}

size_t diff_case_entries(const struct diff_case *c, const struct elf_object *obj, const char *section)
{
	const struct elf_section *sec = elf_find_section(obj, section);
	uint32_t size = special_layout_get(&c->layout, section);

	return sec && size ? sec->size / size : 0;
}
