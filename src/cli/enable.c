/* `suture enable NAME`: re-enable a patch while it is still being disabled. */
#include "cli/cmd.h"
#include "manager/load.h"
#include "util/log.h"

int do_enable(int argc, char **argv)
{
	struct load_opts opts = { .timeout_s = 60 };

	if (argc != 2) {
		log_error("enable: usage: suture enable NAME");
		return EXIT_USAGE;
	}
	return mgr_set_enabled("enable", argv[1], true, &opts);
}
