/* A growable list of strings; see strv.h. */
#include "util/strv.h"

#include <stdlib.h>
#include <string.h>

int strv_push(struct strv *l, const char *s)
{
	char *copy;

	if (l->n + 1 >= l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		char **n = realloc(l->v, ncap * sizeof(*n));

		if (!n)
			return -1;
		l->v = n;
		l->cap = ncap;
	}
	if (!(copy = strdup(s)))
		return -1;
	l->v[l->n++] = copy;
	l->v[l->n] = NULL;
	return 0;
}

int strv_has(const struct strv *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

const char *strv_intern(struct strv *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return l->v[i];
	return strv_push(l, s) < 0 ? NULL : l->v[l->n - 1];
}

int strv_add_unique(struct strv *l, const char *s)
{
	return strv_has(l, s) ? 0 : strv_push(l, s);
}

int strv_push_words(struct strv *l, const char *text)
{
	const char *p = text;

	for (;;) {
		size_t skip = strspn(p, " \t\n"), len;
		char word[4096];

		p += skip;
		len = strcspn(p, " \t\n");
		if (len == 0)
			return 0;
		if (len >= sizeof(word))
			return -1;
		memcpy(word, p, len);
		word[len] = '\0';
		if (strv_push(l, word) < 0)
			return -1;
		p += len;
	}
}

void strv_free(struct strv *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
