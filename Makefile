# charter: build, test, demo, bench.  `make demo` and `make test` install the
# Debian packages that are missing first (make deps).
#
# Five layers, each a folder and a library, each depending only on those
# below it; the include paths enforce it (a file cannot name a header of a
# layer above, or another layer's private header):
#   util/       libutil.a       -Iutil
#   framework/  libframework.a  -Iutil -Iframework/include
#   report/     libreport.a     -Iutil -Iframework/include -Ireport/include
#   serve/      libserve.a      ... -Iserve/include (the workbench)
#   cli/        charter         ... -Ireport/include -Iserve/include

CC      ?= cc
PKGS    := sqlite3 libpcre2-8 libhs libxml-2.0 libzip xlsxwriter jansson \
           poppler-glib librsvg-2.0 cairo libmicrohttpd libsodium libcrypto
# Hyperscan is built for x86-64 only; vectorscan is the same library elsewhere
HSDEB   := $(if $(filter x86_64 amd64,$(shell uname -m)),libhyperscan-dev,libvectorscan-dev)
DEBS    := libsqlite3-dev libpcre2-dev $(HSDEB) libxml2-dev libzip-dev libxlsxwriter-dev \
           libjansson-dev libpoppler-glib-dev librsvg2-dev \
           libmicrohttpd-dev libsodium-dev libssl-dev \
           libcmocka-dev pkg-config time clang libclang-rt-dev \
           chromium fonts-noto-color-emoji openssl
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-unused-parameter -Werror=incompatible-pointer-types \
           -Werror=int-conversion -Werror=implicit-function-declaration \
           -Werror=discarded-qualifiers -Werror=array-parameter
CFLAGS  ?= -O2 -g
BASE    := -std=c11 -D_GNU_SOURCE -pthread $(WARN) -MMD -MP \
           $(if $(findstring clang,$(notdir $(CC))),-Wno-unknown-warning-option)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread

# made at build time: the verbs' help table from cli/help.txt
GEN           := build/generated
INC_util      := -Iutil
INC_framework := -Iutil -Iframework/include
INC_report    := -Iutil -Iframework/include -Ireport/include
INC_serve     := -Iutil -Iframework/include -Ireport/include \
                 -Iserve/include -I$(GEN)
INC_cli       := -Iutil -Iframework/include -Ireport/include \
                 -Iserve/include -I$(GEN)
INC_tests     := -Iutil -Iframework/include -Iframework \
                 -Ireport/include -Ireport -Iserve/include -Iserve -Itests/unit
# the include path of a source file: its top folder's
inc = $(INC_$(firstword $(subst /, ,$(1))))

BUILD   ?= build
UTIL_SRC := $(wildcard util/*.c)
FW_SRC   := $(wildcard framework/*.c)
RP_SRC   := $(wildcard report/*.c)
SV_SRC   := $(wildcard serve/*.c)
WEB      := $(sort $(wildcard serve/web/*))
CLI_SRC  := $(wildcard cli/*.c)
LIBS     := libserve.a libreport.a libframework.a libutil.a

# The test build: AddressSanitizer and UBSan, no optimisation.
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TBUILD  := build/test
# The unit tests again under clang's sanitizers, which check what gcc's
# UBSan does not (float-to-integer overflow, offsets applied to NULL).
CBUILD  := build/clang
CSAN    := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The fuzz build (make fuzz): clang, libFuzzer's coverage, the same sanitizers.
FBUILD  := build/fuzz
FSAN    := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

.PHONY: all deps test demo bench clean unit golden fuzz-replay fuzz unit-clang browser

# make V=1 shows the commands
Q := $(if $(V),,@)

all: $(BUILD)/charter

# $(call libs,DIR,FLAGS): the object rules and libraries of one build
define libs
$(1)/%.o: %.c
	@mkdir -p $$(dir $$@)
	@$$(if $$(Q),echo "  CC      $$@")
	$$(Q)$$(CC) $$(BASE) $(2) $$(call inc,$$<) $$(PKG_CFLAGS) -c $$< -o $$@
$(1)/libutil.a: $(UTIL_SRC:%.c=$(1)/%.o)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
$(1)/libframework.a: $(FW_SRC:%.c=$(1)/%.o)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
$(1)/libreport.a: $(RP_SRC:%.c=$(1)/%.o)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
$(1)/libserve.a: $(SV_SRC:%.c=$(1)/%.o)
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
$(1)/serve/assets.o: $(GEN)/serve_web.inc
endef

$(eval $(call libs,$(BUILD),$(CFLAGS)))
$(eval $(call libs,$(TBUILD)/lib,-O1 -g $(SAN)))
$(eval $(call libs,$(FBUILD)/lib,-O1 -g $(FSAN)))
$(eval $(call libs,$(CBUILD)/lib,-O1 -g $(CSAN)))

$(GEN)/cli_help.inc: cli/help.txt tools/help2c.awk
	@mkdir -p $(GEN)
	$(Q)awk -f tools/help2c.awk cli/help.txt > $@.tmp && mv $@.tmp $@
$(BUILD)/cli/help.o $(TBUILD)/lib/cli/help.o: $(GEN)/cli_help.inc
$(GEN)/serve_web.inc: $(WEB) tools/web2c.sh
	@mkdir -p $(GEN)
	$(Q)tools/web2c.sh $(WEB) > $@.tmp && mv $@.tmp $@
$(CLI_SRC:%.c=$(BUILD)/%.o) $(CLI_SRC:%.c=$(TBUILD)/lib/%.o): | $(GEN)/cli_help.inc

$(BUILD)/charter: $(CLI_SRC:%.c=$(BUILD)/%.o) $(LIBS:%=$(BUILD)/%)
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

# deps: install whatever Debian packages are missing (a no-op when all are
# there).  Needs root or sudo only when something is missing.
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The browser tests' packages (Playwright, to drive Debian's chromium), from
# the npm registry as the committed lockfile pins them; Node.js from Debian
# when the machine has none.
BROWSER_NPM := tests/browser/node_modules/.package-lock.json
$(BROWSER_NPM): tests/browser/package-lock.json
	@command -v npm >/dev/null || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm; }
	@cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# ---- tests -------------------------------------------------------------------
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(TBUILD)/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(TBUILD)/%)
TLIBS    := $(LIBS:%=$(TBUILD)/lib/%)

$(TBUILD)/charter: $(CLI_SRC:%.c=$(TBUILD)/lib/%.o) $(TLIBS)
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(TBUILD)/test_%: tests/unit/test_%.c tests/unit/testutil.h $(TLIBS)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(BASE) $(INC_tests) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< $(TLIBS) $(PKG_LIBS) -lcmocka

$(TBUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(TLIBS)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(BASE) $(INC_tests) -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< tests/fuzz/replay.c $(TLIBS) $(PKG_LIBS)

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS := suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

test: deps
	@$(MAKE) --no-print-directory unit golden browser fuzz-replay
	@$(MAKE) --no-print-directory CC=clang unit-clang

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; (cd tests/unit && ../../$$t); done

CTEST_BIN := $(TEST_SRC:tests/unit/%.c=$(CBUILD)/%)
$(CBUILD)/test_%: tests/unit/test_%.c tests/unit/testutil.h $(LIBS:%=$(CBUILD)/lib/%)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(BASE) $(INC_tests) -O1 -g $(CSAN) $(PKG_CFLAGS) -o $@ $< $(LIBS:%=$(CBUILD)/lib/%) $(PKG_LIBS) -lcmocka

unit-clang: $(CTEST_BIN)
	@set -e; for t in $(CTEST_BIN); do echo "== $$t"; (cd tests/unit && ../../$$t) >$$t.log 2>&1 || { cat $$t.log; exit 1; }; done; \
	  echo "unit tests under clang's sanitizers: $(words $(CTEST_BIN)) programs passed"

golden: $(TBUILD)/charter
	@tests/golden/run.sh $(TBUILD)/charter

# The workbench in Debian's chromium: screenshots in build/test/browser/
browser: $(TBUILD)/charter $(BROWSER_NPM)
	@node tests/browser/workbench.mjs $(TBUILD)/charter $(TBUILD)/browser

# A target's seeds: its own corpus folder and the fixtures it shares with
# the other tests (tests/fuzz/fixtures.txt).
fuzz_seeds = tests/fuzz/corpus/$(1) $$(awk -v t=$(1) '$$1 == t { print $$2 }' tests/fuzz/fixtures.txt)

fuzz-replay: $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do n=$$(basename $$f); t=$${n#fuzz_}; \
	  echo "== $$n (replaying tests/fuzz/corpus/$$t and its shared fixtures)"; \
	  $$f $(call fuzz_seeds,$$t); done

# make fuzz: each target under libFuzzer for FUZZ_S CPU seconds (default
# ten minutes each; FUZZ_TARGETS="csv refi" for some; tests/fuzz/run.sh
# counts CPU time, not the wall clock), starting from a copy of
# its seeds in build/fuzz/corpus/TARGET; afterwards the inputs that reach
# new code are merged into tests/fuzz/corpus/TARGET (commit them), and
# what crashes is kept in build/fuzz/crashes/.  Each run prints its
# executions, CPU seconds and peak memory.  Needs clang (make deps).
FUZZ_S ?= $(if $(FUZZ_SECONDS),$(FUZZ_SECONDS),600)
FUZZ_TARGETS := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)

fuzz:
	@$(MAKE) --no-print-directory deps DEBS="clang libclang-rt-dev time"
	@$(MAKE) --no-print-directory CC=clang $(FUZZ_TARGETS:%=$(FBUILD)/fuzz_%)
	@set -e; mkdir -p $(FBUILD)/crashes; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FBUILD)/corpus/$$t tests/fuzz/corpus/$$t; \
	  for s in $(call fuzz_seeds,$$t); do \
	    if [ -d "$$s" ]; then cp "$$s"/* $(FBUILD)/corpus/$$t/ 2>/dev/null || true; else cp "$$s" $(FBUILD)/corpus/$$t/; fi; \
	  done; \
	  echo "== fuzz_$$t for $(FUZZ_S) CPU seconds"; \
	  tests/fuzz/run.sh $$t $(FUZZ_S) || touch $(FBUILD)/crashes/.failed; \
	  before=$$(ls tests/fuzz/corpus/$$t | wc -l); \
	  $(FBUILD)/fuzz_$$t -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	    -artifact_prefix=$(FBUILD)/crashes/$$t-merge- \
	    tests/fuzz/corpus/$$t $(FBUILD)/corpus/$$t >/dev/null 2>&1 || true; \
	  echo "   corpus: $$(( $$(ls tests/fuzz/corpus/$$t | wc -l) - before )) new inputs kept in tests/fuzz/corpus/$$t"; \
	done; \
	if ls -A $(FBUILD)/crashes | grep -q .; then echo "make fuzz: crashes kept in $(FBUILD)/crashes"; ls $(FBUILD)/crashes; exit 1; fi

$(FBUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIBS:%=$(FBUILD)/lib/%)
	@$(if $(Q),echo "  CCLD    $@")
	$(Q)$(CC) $(BASE) $(INC_tests) -O1 -g -fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) -o $@ $< $(LIBS:%=$(FBUILD)/lib/%) $(PKG_LIBS)

# ---- demo ---------------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)/charter out/demo

# ---- benchmark ------------------------------------------------------------------
# sizes in MB; BENCH_SIZES="10 100 1000" for the whole range (an hour or
# more on two cores); BENCH_FORMAT_MB=0 leaves the readers out
BENCH_SIZES ?= 10 100
bench: deps
	@$(MAKE) --no-print-directory deps DEBS="ripgrep time sqlite3"
	@$(MAKE) --no-print-directory all $(BUILD)/gen $(BUILD)/hsscan $(BROWSER_NPM)
	@BENCH_SIZES="$(BENCH_SIZES)" tools/bench.sh $(BUILD)/charter $(BUILD)/gen $(BUILD)/hsscan

$(BUILD)/gen: tools/gen.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

$(BUILD)/hsscan: tools/hsscan.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

clean:
	rm -rf build out

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
