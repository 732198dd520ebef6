/* A fix's metadata; see meta.h. The hashes come from coreutils' sha256sum, which every target has. */
#define _GNU_SOURCE
#include "build/meta.h"
#include "target/run.h"
#include "util/log.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Subject: [PATCH v2 3/7] proc: fix x" -> "proc: fix x". */
static char *subject_of(const char *line)
{
	const char *s = line + strlen("Subject:");
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[' && strchr(s, ']'))
		s = strchr(s, ']') + 1;
	while (*s == ' ')
		s++;
	n = strcspn(s, "\r\n");
	return n ? strndup(s, n) : NULL;
}

/* Adds every CVE-YYYY-NNNN id in line. */
static int add_cves(struct strv *cves, const char *line)
{
	for (const char *p = strstr(line, "CVE-"); p; p = strstr(p + 4, "CVE-")) {
		size_t n = 4;
		char id[32];

		if (!isdigit((unsigned char)p[n]))
			continue;
		while (isdigit((unsigned char)p[n]))
			n++;
		if (n != 8 || p[n] != '-' || !isdigit((unsigned char)p[n + 1]))
			continue;
		n++;
		while (isdigit((unsigned char)p[n]))
			n++;
		snprintf(id, sizeof(id), "%.*s", (int)n, p);
		if (strv_add_unique(cves, id) < 0)
			return -1;
	}
	return 0;
}

static int read_header(struct meta *m, const char *path, int first)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	if (!f) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	while (ret == 0 && getline(&line, &cap, f) > 0 && strncmp(line, "--- ", 4) != 0) {
		if (first && !m->subject && !strncmp(line, "Subject:", 8))
			m->subject = subject_of(line);
		if (add_cves(&m->cves, line) < 0) {
			log_error("%s: out of memory", path);
			ret = -1;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

static int hash_diffs(struct meta *m, char *const *diffs, size_t n_diffs)
{
	char **argv = calloc(n_diffs + 2, sizeof(*argv)), *out = NULL, *p;
	size_t len = 0;
	struct run_opts o = { .capture = &out, .capture_len = &len };
	int status;

	if (!argv)
		return -1;
	argv[0] = "sha256sum";
	memcpy(argv + 1, diffs, n_diffs * sizeof(*argv));
	status = run_cmd(&o, argv);
	free(argv);
	if (status != 0 || !out) {
		free(out);
		if (status == RUN_INTERRUPTED)
			log_error("build: hashing the diffs (sha256sum): interrupted; nothing was written");
		else
			log_error("sha256sum of the diffs failed (exit %d)", status);
		return -1;
	}
	/* "<hash>  <path>\n" per diff -> "<hash>,<hash>" */
	m->sha256 = calloc(1, len + 1);
	for (p = out; m->sha256 && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		if (*m->sha256)
			strcat(m->sha256, ",");
		strncat(m->sha256, p, strcspn(p, " \n"));
	}
	free(out);
	return m->sha256 ? 0 : -1;
}

int meta_read(struct meta *m, char *const *diffs, size_t n_diffs)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < n_diffs; i++)
		if (read_header(m, diffs[i], i == 0) < 0)
			return -1;
	return hash_diffs(m, diffs, n_diffs);
}

void meta_free(struct meta *m)
{
	free(m->subject);
	free(m->sha256);
	strv_free(&m->cves);
}
