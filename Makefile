# charter: build, test, demo, bench.  `make demo` and `make test` install the
# Debian packages that are missing first (make deps).

CC      ?= cc
PKGS    := sqlite3 libpcre2-8 libxml-2.0 libzip xlsxwriter
DEBS    := libsqlite3-dev libpcre2-dev libxml2-dev libzip-dev libxlsxwriter-dev \
           libcmocka-dev pkg-config time
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-unused-parameter
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -Iframework -Ireports
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

BUILD   ?= build
LIB_SRC := $(wildcard framework/*.c) $(wildcard reports/*.c)
CLI_SRC := $(wildcard cli/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
HDRS    := $(wildcard framework/*.h reports/*.h cli/*.h)

# The test build: AddressSanitizer and UBSan, no optimisation.
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TBUILD  := build/test

.PHONY: all deps test demo bench clean unit golden fuzz-replay check-deps

all: $(BUILD)/charter

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/libframework.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/charter: $(CLI_OBJ) $(BUILD)/libframework.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libframework.a $(PKG_LIBS) $(LDFLAGS)

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

# ---- tests -------------------------------------------------------------------
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(TBUILD)/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(TBUILD)/%)

$(TBUILD)/lib/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iframework -Ireports -O1 -g $(SAN) $(PKG_CFLAGS) -c $< -o $@

$(TBUILD)/libframework.a: $(LIB_SRC:%.c=$(TBUILD)/lib/%.o)
	ar rcs $@ $^

$(TBUILD)/charter: $(CLI_SRC:%.c=$(TBUILD)/lib/%.o) $(TBUILD)/libframework.a
	$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

$(TBUILD)/test_%: tests/unit/test_%.c tests/unit/testutil.h $(TBUILD)/libframework.a
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iframework -Ireports -Itests/unit -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< $(TBUILD)/libframework.a $(PKG_LIBS) -lcmocka

$(TBUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(TBUILD)/libframework.a
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -Iframework -Ireports -O1 -g $(SAN) $(PKG_CFLAGS) -o $@ $< tests/fuzz/replay.c $(TBUILD)/libframework.a $(PKG_LIBS)

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

test: deps
	@$(MAKE) --no-print-directory unit golden fuzz-replay

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; (cd tests/unit && ../../$$t); done

golden: $(TBUILD)/charter
	@tests/golden/run.sh $(TBUILD)/charter

fuzz-replay: $(FUZZ_BIN)
	@set -e; for f in $(FUZZ_BIN); do n=$$(basename $$f); \
	  echo "== $$n (replaying tests/fuzz/corpus/$${n#fuzz_})"; \
	  $$f tests/fuzz/corpus/$${n#fuzz_}; done

# ---- demo ---------------------------------------------------------------------
demo: deps
	@$(MAKE) --no-print-directory all
	@tools/demo.sh $(BUILD)/charter out/demo

# ---- benchmark ------------------------------------------------------------------
BENCH_MB ?= 100
bench: deps
	@$(MAKE) --no-print-directory all $(BUILD)/gen
	@tools/bench.sh $(BUILD)/charter $(BUILD)/gen $(BENCH_MB)

$(BUILD)/gen: tools/gen.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

clean:
	rm -rf build out
