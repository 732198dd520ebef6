/* `suture disable NAME`: disable a patch and wait; its module stays loaded until unload. */
#include "cli/cmd.h"
#include "manager/load.h"
#include "manager/lock.h"
#include "util/log.h"

int do_disable(int argc, char **argv)
{
	struct load_opts opts = { .timeout_s = 60 };

	if (argc != 2) {
		log_error("disable: usage: suture disable NAME");
		return EXIT_USAGE;
	}
	if (!mgr_lock("disable", argc, argv))
		return EXIT_FAIL;
	return mgr_set_enabled("disable", argv[1], false, &opts);
}
