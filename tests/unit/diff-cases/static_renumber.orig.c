// Static locals of the same name in several functions; a new one shifts the numbering.
#include <linux/kernel.h>
#include <linux/module.h>
int sr_first(void)
{
	static int hits;

	return ++hits;
}

int sr_second(void)
{
	static int hits;

	return hits += 2;
}

int sr_third(void)
{
	static int hits;

	return hits += 3;
}
