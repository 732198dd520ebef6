/* Fake kernel trees for the manager's unit tests: a scratch directory that SUTURE_SYSFS,
 * SUTURE_PROC, SUTURE_STATE_DIR and SUTURE_BOOT point into, and small builders for its files. */
#ifndef SUTURE_TEST_MANAGER_FIXTURE_H
#define SUTURE_TEST_MANAGER_FIXTURE_H

/* Creates the scratch root (removed at exit), points the manager's roots into it and makes the
 * running release "6.1.0-56-amd64" with boot id "boot-1". Returns the root's path. */
const char *fake_root(void);

/* Writes text to <root>/<rel>, creating parent directories. */
void fake_file(const char *rel, const char *text);

/* Creates <root>/<rel> and its parents. */
void fake_dir(const char *rel);

/* <root>/<rel> into a static buffer (valid until the next call). */
const char *fake_path(const char *rel);

/* Compiles a relocatable object whose .modinfo holds the given NUL-separated "key=value"
 * entries (what libkmod reads from a .ko) to <root>/<rel>. */
void fake_module(const char *rel, const char *const *modinfo);

#endif
