#!/bin/sh
# Golden CLI tests.  Each cases/NAME.cmd is a shell fragment run in a fresh
# directory holding a copy of fixtures/ as fx/; its stdout and stderr must
# equal cases/NAME.out and cases/NAME.err, its exit status cases/NAME.rc
# (0 when absent).  The fragment may call:
#   charter ...        the charter under test
#   study              make study.charter from the fixtures (quietly)
#   unchanged CMD...   run CMD and check study.charter is byte-for-byte the
#                      same afterwards (prints PROJECT CHANGED if not)
# usage: tests/golden/run.sh CHARTER [--update] [NAME...]
# With names, only those cases run (cases/NAME.cmd).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
update=
[ "${1:-}" = "--update" ] && { update=--update; shift; }
only="$*"
export CHARTER_NOW=2008-06-03T10:00:00Z CHARTER_CODER=tester
# the sanitizers' settings, as make test sets them, when run on its own
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/../lsan.supp:print_suppressions=0}"
unset CHARTER_PROJECT
pass=0 failn=0
tmp=$(mktemp -d /tmp/charter-golden-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
for cmd in "$here"/cases/*.cmd; do
	name=$(basename "$cmd" .cmd)
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) continue;; esac
	fi
	dir="$tmp/$name"
	mkdir -p "$dir"
	cp -r "$here/fixtures" "$dir/fx"
	cat > "$dir/run" <<INNER
charter() { "$bin" "\$@"; }
study() {
	charter init study.charter >/dev/null &&
	charter cases import fx/cases.csv >/dev/null &&
	charter ingest --case C01 fx/c01.txt >/dev/null &&
	charter ingest --case C02 fx/c02.txt >/dev/null &&
	charter ingest --group --case G1 fx/g1.txt >/dev/null &&
	charter codebook import fx/codebook.txt >/dev/null
}
unchanged() {
	before=\$(sha256sum study.charter)
	"\$@"
	rc=\$?
	after=\$(sha256sum study.charter)
	[ "\$before" = "\$after" ] || echo "PROJECT CHANGED"
	[ ! -s study.charter-wal ] || echo "WAL LEFT BEHIND"
	return \$rc
}
INNER
	cat "$cmd" >> "$dir/run"
	export REFI_DIR="$here/../refi"
	export STUDY_DIR="$here/../../corpus/pathways" CODEBOOK="$here/../../codebooks/pathways.txt"
	(cd "$dir" && sh ./run > out 2> err; echo $? > rc)
	want_rc=0
	[ -f "$here/cases/$name.rc" ] && want_rc=$(cat "$here/cases/$name.rc")
	if [ "$update" = "--update" ]; then
		cp "$dir/out" "$here/cases/$name.out"
		cp "$dir/err" "$here/cases/$name.err"
		rc=$(cat "$dir/rc")
		if [ "$rc" != 0 ]; then echo "$rc" > "$here/cases/$name.rc"; else rm -f "$here/cases/$name.rc"; fi
		continue
	fi
	ok=1
	cmp -s "$dir/out" "$here/cases/$name.out" || { ok=0; echo "--- $name: stdout differs"; diff "$here/cases/$name.out" "$dir/out" | head -20; }
	cmp -s "$dir/err" "$here/cases/$name.err" || { ok=0; echo "--- $name: stderr differs"; diff "$here/cases/$name.err" "$dir/err" | head -20; }
	[ "$(cat "$dir/rc")" = "$want_rc" ] || { ok=0; echo "--- $name: exit $(cat "$dir/rc"), want $want_rc"; }
	if [ $ok = 1 ]; then pass=$((pass + 1)); else failn=$((failn + 1)); echo "FAIL $name"; fi
done
[ "$update" = "--update" ] && { echo "updated expected output"; exit 0; }
echo "golden: $pass passed, $failn failed"
[ $failn = 0 ]
