// A changed function reads a static const table of string pointers: the table is copied with its
// relocations (to the strings), whatever order the symbols come in.
#include <linux/kernel.h>
#include <linux/module.h>

static noinline const char *cp_name(unsigned int i);

const char *cp_entry(unsigned int i)
{
	return cp_name(i);
}

static const char *const cp_names[] = { "zero", "one", "two", "three" };

static noinline const char *cp_name(unsigned int i)
{
	return cp_names[(i + 1) & 3];
}
