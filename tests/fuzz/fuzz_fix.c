/* libFuzzer target: the unified diff parser (src/fix) on arbitrary bytes. It must never crash,
 * hang, leak or read out of bounds, whatever `suture build` is handed. */
#include "fix/fix.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fix fix = { 0 };

	fix_parse(&fix, "fuzz.patch", (const char *)data, size);
	fix_free(&fix);
	return 0;
}
