/* libFuzzer target: the ELF model's reader (src/elf) on arbitrary bytes, then writing what it
 * read. Objects come from compilers, but also from users (`suture diff A.o B.o`, `suture info
 * x.ko`): a corrupt or truncated one must be an error, never a crash. */
#include "elf/elf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[64], out[64];
	char err[256];
	struct elf_object *obj;
	FILE *f;

	if (!in[0]) {
		snprintf(in, sizeof(in), "/tmp/suture-fuzz-elf.%d.o", (int)getpid());
		snprintf(out, sizeof(out), "/tmp/suture-fuzz-elf.%d.out.o", (int)getpid());
	}
	f = fopen(in, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	obj = elf_read(in, err, sizeof(err));
	if (obj) {
		free(obj->path);
		obj->path = strdup(out);
		if (obj->path)
			elf_write(obj, err, sizeof(err));
		elf_free(obj);
	}
	unlink(in);
	unlink(out);
	return 0;
}
