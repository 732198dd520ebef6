/* `suture diff ORIG.o PATCHED.o [--layout PROBE.o] [--json] [--types] [-o OUT.o]`: the diff engine's
 * decisions about one file (changed, new, refused with reasons, no-op), optionally the data-layout
 * findings of the type checker (types/types.h), and optionally the output object. */
#include "cli/cmd.h"
#include "diff/diff.h"
#include "types/types.h"
#include "util/log.h"

#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>

static void usage(void)
{
	fprintf(stderr, "usage: suture diff ORIG.o PATCHED.o [--layout PROBE.o] [--json] [--types] [-o OUT.o]\n");
}

static const char *kind_name(enum diff_kind k)
{
	return k == DIFF_FUNCTION ? "function" : k == DIFF_DATA ? "data" : "object";
}

static int print_json(const struct diff *d)
{
	json_object *root = json_object_new_object(), *decisions = json_object_new_array(),
		    *refs = json_object_new_array();

	if (!root || !decisions || !refs)
		return -1;
	for (size_t i = 0; i < d->nr_decisions; i++) {
		const struct diff_decision *dec = &d->decisions[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(dec->name));
		json_object_object_add(o, "kind", json_object_new_string(kind_name(dec->kind)));
		json_object_object_add(o, "decision", json_object_new_string(diff_status_name(dec->status)));
		if (dec->reason)
			json_object_object_add(o, "reason", json_object_new_string(dec->reason));
		if (dec->patched)
			json_object_object_add(o, "included", json_object_new_boolean(d->included[dec->patched->index]));
		json_object_array_add(decisions, o);
	}
	for (size_t i = 0; i < d->nr_refs; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "name", json_object_new_string(d->refs[i].name));
		json_object_object_add(o, "local", json_object_new_boolean(d->refs[i].local));
		json_object_object_add(o, "function", json_object_new_boolean(d->refs[i].function));
		json_object_array_add(refs, o);
	}
	json_object_object_add(root, "decisions", decisions);
	json_object_object_add(root, "references", refs);
	printf("%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY));
	json_object_put(root);
	return 0;
}

/* The type checker's findings, one line each: "layout  VERDICT WHAT: MESSAGE". */
static int print_types(const struct diff *d, const char *orig, const char *patched)
{
	static const char *const verdicts[] = { "accepted", "unsafe", "allowed" };
	struct type_findings f = { 0 };

	if (types_check_diff(d, orig, patched, NULL, &f, patched) < 0)
		return -1;
	for (size_t i = 0; i < f.n; i++)
		printf("layout   %s %s: %s\n", verdicts[f.v[i].verdict], f.v[i].what, f.v[i].message);
	type_findings_free(&f);
	return 0;
}

int do_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "types", no_argument, NULL, 't' },
		{ "layout", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *layout_path = NULL, *out_path = NULL;
	struct special_layout layout = { 0 };
	struct elf_object *orig = NULL, *patched = NULL;
	struct diff d;
	char err[512];
	int opt, json = 0, types = 0, rc = EXIT_FAIL, refused = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 't': types = 1; break;
		case 'l': layout_path = optarg; break;
		case 'o': out_path = optarg; break;
		case 'h': usage(); return EXIT_OK;
		default: usage(); return EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		usage();
		return EXIT_USAGE;
	}
	if (layout_path && special_layout_read(&layout, layout_path, err, sizeof(err)) < 0) {
		log_error("diff: %s", err);
		return EXIT_FAIL;
	}
	orig = elf_read(argv[optind], err, sizeof(err));
	if (!orig) {
		log_error("diff: %s: %s", argv[optind], err);
		return EXIT_FAIL;
	}
	patched = elf_read(argv[optind + 1], err, sizeof(err));
	if (!patched) {
		log_error("diff: %s: %s", argv[optind + 1], err);
		goto out;
	}
	if (diff_run(&d, orig, patched, &layout, err, sizeof(err)) < 0) {
		log_error("diff: %s", err);
		goto out;
	}
	for (size_t i = 0; i < d.nr_decisions; i++)
		refused |= d.decisions[i].status == DIFF_REFUSED;
	/* The output is written first: it records the references that --json lists. */
	if (!refused && out_path && diff_write_output(&d, out_path, err, sizeof(err)) < 0)
		log_error("diff: %s: %s", out_path, err);
	else if (!refused)
		rc = EXIT_OK;
	if (json ? print_json(&d) < 0 : (diff_print(&d, stdout, ""), 0))
		log_error("diff: out of memory");
	if (types && print_types(&d, argv[optind], argv[optind + 1]) < 0)
		rc = EXIT_FAIL;
	if (refused && !json)
		for (size_t i = 0; i < d.nr_decisions; i++)
			if (d.decisions[i].status == DIFF_REFUSED)
				log_error("diff: %s: %s: %s", argv[optind + 1], d.decisions[i].name, d.decisions[i].reason);
	diff_free(&d);
out:
	elf_free(orig);
	elf_free(patched);
	return rc;
}
