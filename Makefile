# suture — build the tool, run its tests, show the demo.
#
#   make          build build/suture
#   make check    install what is missing, build, run every test (unit, CLI, VM); ends "N passed, N failed"
#   make demo     install what is missing, build, show a live patch going live in the VM and gone again
#   make fuzz     fuzz the parsers of untrusted input (libFuzzer), 5 minutes each
#   make vm       a shell in the test VM (the stock Debian kernel under QEMU)
#   make bench    run the benchmarks in the VM, write bench/results/ (minutes; not part of check)

CC       ?= gcc
VERSION  := 0.1.0$(shell git describe --always --dirty --match none 2>/dev/null | sed 's/^/-g/')
PKGS     := libelf libdw libkmod json-c
CPPFLAGS += -Isrc -Iinclude -Ibuild/gen -DSUTURE_VERSION='"$(VERSION)"'
CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Werror -MMD -MP
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lelf -ldw -lkmod -ljson-c)
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRCS     := $(shell find src -name '*.c' | sort)
LIB_SRCS := $(filter-out src/cli/%,$(SRCS))
CLI_SRCS := $(filter src/cli/%,$(SRCS))
TEST_SRCS := $(sort $(wildcard tests/unit/*.c))

obj = $(patsubst %.c,build/$(1)/%.o,$(2))

all: build/suture

build/suture: $(call obj,o,$(CLI_SRCS)) build/o/libsuture.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/o/libsuture.a: $(call obj,o,$(LIB_SRCS))
	rm -f $@ && $(AR) rcs $@ $^

build/asan/libsuture.a: $(call obj,asan,$(LIB_SRCS))
	rm -f $@ && $(AR) rcs $@ $^

# Text suture carries inside its binary, as C strings: the layout probe's kernel C (klp/probe.c
# compiles it per target) and the author API header (build/ hands it to the patched compile).
TEXT_TO_C = { echo 'static const char $(1)[] ='; \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$$/\\n"/' $<; echo ';'; } >$@.tmp && mv $@.tmp $@
build/gen/special-sizes.inc: src/diff/special-sizes.kc
	@mkdir -p $(@D)
	$(call TEXT_TO_C,special_sizes_source)
build/gen/patch-h.inc: include/suture/patch.h
	@mkdir -p $(@D)
	$(call TEXT_TO_C,suture_patch_h)
build/o/src/klp/probe.o build/asan/src/klp/probe.o: build/gen/special-sizes.inc
build/o/src/build/author.o build/asan/src/build/author.o: build/gen/patch-h.inc

build/o/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The unit tests, plain and under AddressSanitizer + UBSan (the library is rebuilt for the latter).
build/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SANITIZE) -c -o $@ $<

build/unit-tests: $(call obj,o,$(TEST_SRCS)) build/o/libsuture.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/unit-tests: $(call obj,asan,$(TEST_SRCS)) build/asan/libsuture.a
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(LDLIBS)

# The diff engine's case objects: C source pairs compiled by kbuild against the target's headers
# (tests/unit/diff-cases/build; incremental, only changed sources are recompiled).
DIFF_CASES := $(wildcard tests/unit/diff-cases/*.c) tests/unit/diff-cases/Kbuild.extra src/diff/special-sizes.kc
build/diff-cases/.built: $(DIFF_CASES) tests/unit/diff-cases/build
	tests/unit/diff-cases/build build/diff-cases
	touch $@

unit: build/unit-tests build/asan/unit-tests build/diff-cases/.built

deps:
	scripts/install-deps

check: deps
	$(MAKE) all unit
	tests/run

demo: deps
	$(MAKE) all
	scripts/demo

# Fuzz the parsers of untrusted input for 5 minutes each (make check runs 20 s).
fuzz: deps
	tests/fuzz/run 300

vm: deps
	$(MAKE) all
	tests/vm/vm-run --shell

# The benchmarks (bench/README.md); they install gnuplot themselves, only they need it.
bench: deps
	$(MAKE) all
	bench/run

clean:
	rm -rf build

.PHONY: all unit deps check demo fuzz vm bench clean
-include $(shell find build -name '*.d' 2>/dev/null)
