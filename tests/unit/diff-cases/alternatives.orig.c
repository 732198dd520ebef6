// Only an alternative replacement replacement instruction changed: the function is changed.
#include <linux/kernel.h>
#include <linux/module.h>
#include <asm/alternative.h>
#include <asm/cpufeatures.h>
int al_entry(int x)
{
	alternative("", "lfence", X86_FEATURE_LFENCE_RDTSC);
	return x;
}

int al_other(int x)
{
	alternative("", "lfence", X86_FEATURE_LFENCE_RDTSC);
	return x + 1;
}
