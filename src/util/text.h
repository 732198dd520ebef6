/* Bounded text building: lines and descriptions assembled piece by piece into a fixed buffer. */
#ifndef SUTURE_UTIL_TEXT_H
#define SUTURE_UTIL_TEXT_H

#include <stddef.h>

/* snprintf at the end of buf (len bytes, NUL-terminated); what does not fit is cut off. */
void text_append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
