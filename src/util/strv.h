/* A growable list of strings (object paths, file names, interned names) owned by the list. */
#ifndef SUTURE_UTIL_STRV_H
#define SUTURE_UTIL_STRV_H

#include <stddef.h>

struct strv {
	char **v;
	size_t n, cap;
};

/* Appends a copy of s. Returns 0, or -1 when out of memory. */
int strv_push(struct strv *l, const char *s);

/* The list's own copy of s, appended first when it is not there yet: a string interned for the
 * list's lifetime (livepatch object names, module names). NULL when out of memory. */
const char *strv_intern(struct strv *l, const char *s);

/* Appends a copy of s unless it is already there. */
int strv_add_unique(struct strv *l, const char *s);

/* 1 when s is in the list. */
int strv_has(const struct strv *l, const char *s);

/* Splits text at blanks and appends every word. */
int strv_push_words(struct strv *l, const char *text);

void strv_free(struct strv *l);

#endif
