/* The manager's state directory (/var/lib/suture, SUTURE_STATE_DIR): root only, directories 0700
 * and files 0600, since it holds modules that boot loads into the kernel. */
#ifndef SUTURE_MANAGER_STATEDIR_H
#define SUTURE_MANAGER_STATEDIR_H

/* Creates <state><sub> and its parents as 0700 directories where missing (sub "" or "/x").
 * Returns 0, or -errno. */
int statedir_make(const char *sub);

#endif
