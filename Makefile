# pincheck build. `make` builds build/pincheck; `make test` runs every suite
# twice (plain, then under AddressSanitizer + UndefinedBehaviorSanitizer) and
# ends with one "N passed, N failed, N skipped" line; `make install` honours PREFIX/DESTDIR.
# `make fuzz` runs each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS     = libgit2 libpcre2-8 yaml-0.1 zlib
# libarchive is loaded when an inspect_ai archive is first read (evalfmt.c),
# so its headers are used and its soname recorded, but it is not linked.
LA_SONAME := $(shell readelf -d $$(pkg-config --variable=libdir libarchive)/libarchive.so 2>/dev/null | \
	sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')

OPT     ?= -O2 -g
CFLAGS  ?=
ALL_CFLAGS = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -I$(BUILD) \
	$(shell pkg-config --cflags $(PKGS) libarchive) $(if $(LA_SONAME),-DPC_LIBARCHIVE_SONAME='"$(LA_SONAME)"') \
	$(OPT) $(CFLAGS)
LIBS     = $(shell pkg-config --libs $(PKGS)) -lpthread -lm -ldl

ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDSAN       = -fsanitize=address,undefined
endif

# The library's tiers, lowest first (README "Layout"); a tier includes only
# headers of its own and lower tiers (tests/layout.sh checks it).
TIERS    = util lex match source check report
LIB_SRC  = $(foreach t,$(TIERS),$(sort $(wildcard src/$(t)/*.c)))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
GEN_SRC  = $(BUILD)/builtin_rules.c $(BUILD)/builtin_hooks.c
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(BUILD)/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  = $(CLI_SRC:src/cli/%.c=$(BUILD)/obj/cli/%.o)
OBJ_DIRS = $(TIERS:%=$(BUILD)/obj/%) $(BUILD)/obj/cli
# tests/unit/ mirrors src/ (one folder a tier); the binaries sit side by side.
UNIT_SRC = $(sort $(wildcard tests/unit/*/test_*.c))
UNIT_BIN = $(addprefix $(BUILD)/tests/,$(notdir $(UNIT_SRC:.c=)))
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BIN = $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)

all: $(BUILD)/pincheck

$(BUILD)/pincheck: $(CLI_OBJ) $(BUILD)/libpincheck.a
	$(CC) $(LDSAN) -o $@ $(CLI_OBJ) $(BUILD)/libpincheck.a $(LIBS)

$(BUILD)/libpincheck.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $(LIB_OBJ)

# -MMD: each object also depends on the headers it really includes
# (include/pincheck/*.h, src/cli/cli.h, src/report/report_internal.h).
$(BUILD)/obj/%.o: src/%.c | $(OBJ_DIRS)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/%.o: $(BUILD)/%.c | $(OBJ_DIRS)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)

# Rule files and hook scripts are compiled into the binary, so pincheck works
# with no configuration and `pincheck install` needs no source tree. The rule
# files are parsed here, by tools/docgen.c with doc.c, into the documents
# pincheck would otherwise parse at every start (a rule file that does not
# parse stops the build).
DOCGEN_SRC = tools/docgen.c src/util/doc.c src/util/buf.c src/util/common.c
$(BUILD)/docgen: $(DOCGEN_SRC) $(wildcard include/pincheck/*.h) | $(OBJ_DIRS)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $(DOCGEN_SRC) $(LIBS)

$(BUILD)/builtin_rules.c: $(sort $(wildcard rules/*.yml)) $(BUILD)/docgen | $(OBJ_DIRS)
	$(BUILD)/docgen pc_builtin_rule_docs $(sort $(wildcard rules/*.yml)) > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin_hooks.c: $(sort $(wildcard hooks/*)) tools/embed.sh | $(OBJ_DIRS)
	sh tools/embed.sh pc_builtin_hooks $(sort $(wildcard hooks/*)) > $@.tmp && mv $@.tmp $@

$(OBJ_DIRS) $(BUILD)/tests $(BUILD)/fuzz:
	mkdir -p $@

vpath test_%.c $(sort $(dir $(UNIT_SRC)))
$(BUILD)/tests/%: %.c $(BUILD)/libpincheck.a $(wildcard include/pincheck/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $< $(BUILD)/libpincheck.a $(LIBS) $(shell pkg-config --libs cmocka)

# Each fuzz target with a plain main() that replays its corpus once
# (tests/fuzz-replay.sh): the corpora are regression tests of every build.
$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/libpincheck.a $(wildcard include/pincheck/*.h) | $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ $< tests/fuzz/replay.c $(BUILD)/libpincheck.a $(LIBS)

units: $(UNIT_BIN) $(REPLAY_BIN)

# The test command of README.md.
test:
	$(MAKE) BUILD=build all units
	$(MAKE) BUILD=build-san SAN=1 OPT="-O1 -g" all units
	sh tests/run.sh build build-san

# One configuration only, for quick iteration: make check [BUILD=build]
check: all units
	sh tests/run.sh $(BUILD)

# The manual pages (man/, mdoc sources installed as they are) and the shell
# completions (completions/) go where man, bash-completion, Debian's zsh and
# fish look for them under PREFIX.
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/vendor-completions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

install: $(BUILD)/pincheck
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 $(BUILD)/pincheck $(DESTDIR)$(PREFIX)/bin/pincheck
	install -m 0644 man/pincheck.1 $(DESTDIR)$(MANDIR)/man1/pincheck.1
	install -m 0644 man/pincheck.yml.5 $(DESTDIR)$(MANDIR)/man5/pincheck.yml.5
	install -m 0644 completions/pincheck.bash $(DESTDIR)$(BASHCOMPDIR)/pincheck
	install -m 0644 completions/_pincheck $(DESTDIR)$(ZSHCOMPDIR)/_pincheck
	install -m 0644 completions/pincheck.fish $(DESTDIR)$(FISHCOMPDIR)/pincheck.fish

clean:
	rm -rf build build-san build-bench $(FUZZ_BUILD)

.PHONY: all units test check install clean

# Side-by-side benchmarks (bench/README.md); not part of `make test`: the
# 100,000-file repository, the 10,000-file one, a 1,000-commit push.
bench: all $(BUILD)/bench-ready
	PINCHECK=$(CURDIR)/$(BUILD)/pincheck bash bench/run.sh
	PINCHECK=$(CURDIR)/$(BUILD)/pincheck BENCH_TREE=small bash bench/run.sh
	PINCHECK=$(CURDIR)/$(BUILD)/pincheck BENCH_NO_PUSH=1 bash bench/prereceive.sh

# The rule set's load and compile time, in-process (bench/ready.c).
$(BUILD)/bench-ready: bench/ready.c $(BUILD)/libpincheck.a $(wildcard include/pincheck/*.h)
	$(CC) $(ALL_CFLAGS) $(LDSAN) -o $@ bench/ready.c $(BUILD)/libpincheck.a $(LIBS)
.PHONY: bench

# Fuzzing (README "Fuzzing"): the library built by clang with libFuzzer's
# coverage and ASan + UBSan into its own directory, one libFuzzer binary per
# tests/fuzz/fuzz_NAME.c. `make fuzz` runs each for FUZZ_SECONDS from its
# committed corpus and fails on any crash, leak or timeout (tests/fuzz/run.sh).
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SEED    ?=

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SAN=1 OPT="-O1 -g" \
		CFLAGS=-fsanitize=fuzzer-no-link fuzz-targets

# Only through fuzz-build, which sets BUILD, CC and the flags.
fuzz-targets: $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(BUILD)/libpincheck.a $(wildcard include/pincheck/*.h) | $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(LDSAN) -o $@ $< $(BUILD)/libpincheck.a $(LIBS)

fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_SEED)

.PHONY: fuzz fuzz-build fuzz-targets
