/* Reading a livepatch module's relocation section names; see korelocs.h. */
#include "manager/korelocs.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KLP_RELA ".klp.rela."

int ko_relocated_modules(const char *path, struct strv *mods)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = -1;
	Elf *elf = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (fd < 0 || elf_version(EV_CURRENT) == EV_NONE || !(elf = elf_begin(fd, ELF_C_READ, NULL)) ||
	    elf_getshdrstrndx(elf, &shstrndx) != 0)
		goto out;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		char object[64];

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)) ||
		    strncmp(name, KLP_RELA, strlen(KLP_RELA)) != 0)
			continue;
		name += strlen(KLP_RELA);
		snprintf(object, sizeof(object), "%.*s", (int)strcspn(name, "."), name);
		if (strcmp(object, "vmlinux") != 0 && strv_add_unique(mods, object) < 0)
			goto out;
	}
	ret = 0;
out:
	if (elf)
		elf_end(elf);
	if (fd >= 0)
		close(fd);
	return ret;
}
