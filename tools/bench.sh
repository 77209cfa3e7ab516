#!/bin/sh
# make bench: charter beside a reference doing the same work, in the same
# run, at several corpus sizes (BENCH_SIZES, megabytes; default "10 100"):
#   ingest (with its search index)  beside an FTS5 build of the same files,
#                                   and FTS5 alone indexing the same turns
#   autocode (40 rules)             beside rg -f (one pass), GNU grep (one
#                                   pass per pattern) and Hyperscan alone,
#                                   each writing its counts to a file, and
#                                   SQLite alone storing the same codings
#   search, review, chart, matrix, export, import
# then per size whether cost grew linearly and memory stayed flat; then
# queries on 2,000 short interviews, and each transcript reader; last the
# workbench in headless chromium and under 20 coders (tools/bench_serve.mjs).
# usage: tools/bench.sh CHARTER GEN HSSCAN
set -eu
charter=$1 gen=$2 hsscan=$3
sizes=${BENCH_SIZES:-10 100}
work=${BENCH_DIR:-build/bench}
rm -rf "$work"
mkdir -p "$work"
tm() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null; cat "$work/time"; }

# The benchmark codebook: ten rules of the kind a study uses, and thirty of
# the demo study's own (those the references can read too: no look-around,
# no \d, no speaker limits).
{
	cat <<'CB'
1 Benchmark
1.1 Letters
  rule: /\bletters?\b/i
1.2 Advisers
  rule: /\badvisers?\b/i
1.3 Health
  rule: /\b(back pain|depression|anxiety)\b/i
1.4 Pressure
  rule: /\b(pushed|pressure|sanction(ed)?)\b/i
1.5 Work
  rule: /\b(part-time|placement|employer|wages)\b/i
1.6 Money
  rule: /\b(better-off|tax credit|calculation)\b/i
1.7 Family
  rule: /\b(kids|childcare|daughter|son)\b/i
1.8 Feelings
  rule: /\b(worried|confidence|felt)\b/i scope=paragraph
1.9 Training
  rule: /\b(course|training|college|skills)\b/i
1.10 Views
  rule: /\b(useless|waste|nice|friendly)\b/i scope=utterance
2 From the demo study
CB
	grep '^  rule: /' codebooks/pathways.txt | grep -v '(?<\|(?=\|(?!\|\\d\|speaker=' |
		head -30 | awk '{ print "2." NR " Rule " NR; print }'
} > "$work/codebook.txt"
sed -n 's|^  rule: /\(.*\)/i*\( .*\)*$|\1|p' "$work/codebook.txt" > "$work/patterns"
nrules=$(wc -l < "$work/patterns")

results="$work/results"
: > "$results"
# row STEP SECONDS KB [REF] : one measurement of this size
row() { echo "$mb $1 $2 $3 ${4:-}" >> "$results"; }

bench_size() {
	mb=$1
	d="$work/s$mb"
	mkdir -p "$d"
	"$gen" "$d/corpus" "$mb" >/dev/null
	bytes=$(cat "$d"/corpus/*.txt | wc -c)
	ls "$d"/corpus/*.txt > "$d/files"
	{
		echo "id,district"
		i=0
		for f in "$d"/corpus/*.txt; do
			i=$((i + 1))
			echo "$(basename "$f" .txt),$(echo ABCDEF | cut -c$((i % 6 + 1)))"
		done
	} > "$d/cases.csv"
	P="$d/p.charter"
	"$charter" init "$P" >/dev/null
	"$charter" -p "$P" cases import --group-by district "$d/cases.csv" >/dev/null
	"$charter" -p "$P" codebook import "$work/codebook.txt" >/dev/null
	set -- $(tm "$charter" -p "$P" ingest "$d/corpus"); row ingest "$1" "$2" fts5
	# SQLite's own FTS5 build of the same files (stemmed, as charter's)
	set -- $(tm sqlite3 "$d/fts.db" "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2'); CREATE TEMP TABLE f(name);" ".import $d/files f" "INSERT INTO t(text) SELECT readfile(name) FROM f;")
	row fts5 "$1" "$2"
	# FTS5 alone indexing the same turns charter indexes (contentless, a
	# row per turn, no lengths: the index charter builds, and nothing
	# else), from a table of the turns' texts made beforehand
	sqlite3 "$d/turns.db" "ATTACH '$P' AS p;" "CREATE TABLE turns(id INTEGER PRIMARY KEY, text TEXT);" "INSERT INTO turns SELECT u.id, CAST(substr(CAST(s.text AS BLOB), u.bstart + 1, u.bend - u.bstart) AS TEXT) FROM p.utterance u JOIN p.source s ON s.id = u.source_id;"
	set -- $(tm sqlite3 "$d/turns.db" "PRAGMA cache_size=-2048;" "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2', content='', columnsize=0);" "INSERT INTO t(rowid, text) SELECT id, text FROM turns ORDER BY id;")
	row fts5-turns "$1" "$2"
	set -- $(tm "$charter" -p "$P" autocode --dry-run); row autocode-dry-run "$1" "$2" rg
	set -- $(tm "$charter" -p "$P" autocode); row autocode "$1" "$2" rg
	# SQLite alone storing the same codings: charter's coding table and
	# indexes, filled by one INSERT ... SELECT (WAL, the same 2 MB cache)
	sqlite3 "$P" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = 'coding' AND type IN ('table', 'index') AND sql IS NOT NULL" > "$d/coding.sql"
	set -- $(tm sqlite3 "$d/store.db" "PRAGMA journal_mode=WAL;" "PRAGMA cache_size=-2048;" ".read $d/coding.sql" "ATTACH '$P' AS p;" "INSERT INTO main.coding SELECT * FROM p.coding ORDER BY id;")
	row sqlite-store "$1" "$2"
	set -- $(tm sh -c "rg --no-ignore --hidden -i -c -f $work/patterns $d/corpus > $d/rg.out || true"); row rg "$1" "$2"
	set -- $(tm sh -c "while IFS= read -r pat; do LC_ALL=C.UTF-8 grep -E -i -c \"\$pat\" $d/corpus/*.txt >> $d/grep.out || true; done < $work/patterns"); row grep "$1" "$2"
	set -- $(tm "$hsscan" "$work/patterns" "$d/hs.out" $(cat "$d/files")); row hyperscan "$1" "$2"
	# (as CSV, which streams; the aligned text table holds its rows to
	# size its columns)
	set -- $(tm "$charter" -p "$P" query search pressure --format csv); row "search" "$1" "$2"
	set -- $(tm "$charter" -p "$P" query search '"felt worried"' --format csv); row "search-again" "$1" "$2"
	set -- $(tm "$charter" -p "$P" query search 'press*' --format csv); row "search-prefix-first" "$1" "$2"
	set -- $(tm "$charter" -p "$P" review accept --all); row "review-accept-all" "$1" "$2"
	set -- $(tm "$charter" -p "$P" chart 1 --format csv); row "chart-1" "$1" "$2"
	set -- $(tm "$charter" -p "$P" query matrix --rows '*' --cols district); row "matrix" "$1" "$2"
	set -- $(tm "$charter" -p "$P" export "$d/export.qdpx"); row "export" "$1" "$2"
	"$charter" init "$d/back.charter" >/dev/null
	set -- $(tm "$charter" -p "$d/back.charter" import "$d/export.qdpx"); row "import" "$1" "$2"
	codings=$("$charter" -p "$P" status --format csv | awk -F, '$1=="codings"{print $2}')
	awk -v mb="$mb" -v b="$bytes" -v c="$codings" -v n="$nrules" '
	$1 == mb { s[$2] = $3; k[$2] = $4; ref[$2] = $5; order[++m] = $2 }
	END {
		size = b / 1048576
		printf "\ncorpus of %.1f MB (%s rules, %s codings stored):\n", size, n, c
		printf "%-22s %8s %8s %8s  %-10s %7s\n", "step", "seconds", "MB/s", "peak MB", "beside", "ratio"
		for (i = 1; i <= m; i++) {
			st = order[i]; t = s[st] > 0 ? s[st] : 0.01
			r = ref[st] != "" && (ref[st] in s) ? sprintf("%6.1fx", t / (s[ref[st]] > 0 ? s[ref[st]] : 0.01)) : ""
			printf "%-22s %8.2f %8.1f %8.1f  %-10s %7s\n", st, s[st], size / t, k[st] / 1024, ref[st], r
		}
		printf "autocode beside grep: %.1fx; beside Hyperscan alone: %.1fx\n", s["autocode"] / (s["grep"] > 0 ? s["grep"] : 0.01), s["autocode"] / (s["hyperscan"] > 0 ? s["hyperscan"] : 0.01)
		printf "ingest beside FTS5 of the same turns alone: %.1fx\n", s["ingest"] / (s["fts5-turns"] > 0 ? s["fts5-turns"] : 0.01)
		printf "autocode beside matching alone (dry run) plus SQLite storing the same codings alone: %.1fx\n", s["autocode"] / (s["autocode-dry-run"] + s["sqlite-store"] > 0 ? s["autocode-dry-run"] + s["sqlite-store"] : 0.01)
	}' "$results"
	echo "$mb $bytes" >> "$work/sizes"
	rm -rf "$d/corpus" "$d/back.charter" "$d"/fts.db* "$d"/turns.db* "$d"/store.db*
}

: > "$work/sizes"
for mb in $sizes; do
	bench_size "$mb"
done

# Linear growth: seconds per MB at the largest size against the smallest
# (fixed costs make small corpora dearer per MB, so within 1.5x, or
# cheaper, is linear); memory: peak at the largest against the smallest.
awk 'FNR == NR { bytes[$1] = $2; if (!lo || $1 + 0 < lo) lo = $1 + 0; if ($1 + 0 > hi) hi = $1 + 0; next }
{ s[$1, $2] = $3; k[$1, $2] = $4; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
END {
	if (lo == hi) exit
	printf "\ngrowth from %s MB to %s MB:\n", lo, hi
	printf "%-22s %12s %12s  %s\n", "step", "s/MB ratio", "peak ratio", "verdict"
	for (i = 1; i <= m; i++) {
		st = order[i]
		a = s[lo, st] / (bytes[lo] / 1048576); z = s[hi, st] / (bytes[hi] / 1048576)
		rt = a > 0 ? z / a : 0
		rm = k[lo, st] > 0 ? k[hi, st] / k[lo, st] : 0
		v = (rt <= 1.5 ? "linear" : "NOT linear") ", " (rm <= 1.5 ? "memory flat" : "memory grew")
		printf "%-22s %12.2f %12.2f  %s\n", st, rt, rm, v
	}
}' "$work/sizes" "$results"

# Each reader on the same interviews written in its format: ingest into a
# fresh project and report MB/s of input.
fmb=${BENCH_FORMAT_MB:-20}
[ "$fmb" = 0 ] || printf "\nreaders (%s MB of each format, same interviews):\n" "$fmb"
[ "$fmb" = 0 ] || printf "%-8s %8s %10s %10s %10s\n" "format" "MB" "seconds" "MB/s" "peak MB"
formats="txt md html docx odt vtt srt tsv tei eaf trs chat textgrid whisper rtf pdf"
[ "$fmb" = 0 ] && formats=
for fmt in $formats; do
	rm -rf "$work/fmt"
	"$gen" --format "$fmt" "$work/fmt" "$fmb" >/dev/null
	fbytes=$(cat "$work"/fmt/* | wc -c)
	rm -f "$work/fmt.charter"
	"$charter" init "$work/fmt.charter" >/dev/null
	# (diarised speech has no interviewer label: say which it is)
	iv=; [ "$fmt" = whisper ] && iv="--interviewer SPEAKER_00"
	set -- $(tm "$charter" -p "$work/fmt.charter" ingest $iv "$work/fmt")
	awk -v f="$fmt" -v b="$fbytes" -v s="$1" -v k="$2" 'BEGIN {
		mb = b / 1048576
		printf "%-8s %8.1f %10.2f %10.1f %10.1f\n", f, mb, s, mb / (s > 0 ? s : 0.01), k / 1024 }'
done
rm -rf "$work/fmt" "$work/fmt.charter"

# Queries on 2,000 short interviews: a matrix over 60 codes by an attribute,
# and full-text search (the index built on first use, then a second search).
q="$work/query"
rm -rf "$q"
mkdir -p "$q"
"$gen" --turns 8 "$q/corpus" 13 >/dev/null
nq=$(ls "$q/corpus" | wc -l)
{
	echo "id,district,sex"
	i=0
	for f in "$q"/corpus/*.txt; do
		i=$((i + 1))
		d=$(echo ABCDEF | cut -c$((i % 6 + 1)))
		s=M; [ $((i % 2)) = 0 ] && s=F
		echo "$(basename "$f" .txt),$d,$s"
	done
} > "$q/cases.csv"
set -- letter adviser Jobcentre interview work job benefit health back pain \
       depression anxiety provider course training money worried appointment \
       phone rang said went felt think thought help helped support CV \
       confidence doctor medical sanction sanctioned incapacity condition \
       management programme volunteer part-time hours childcare kids partner \
       bus office form forms week weeks months year staff target targets \
       outcome placement employer pushed pressure
{
	t=0
	for w in "$@"; do
		if [ $((t % 10)) = 0 ]; then echo "$((t / 10 + 1)) Theme $((t / 10 + 1))"; fi
		echo "$((t / 10 + 1)).$((t % 10 + 1)) $w"
		printf '  rule: /\\b%s\\b/i\n' "$w"
		t=$((t + 1))
	done
} > "$q/codebook.txt"
Q="$q/q.charter"
"$charter" init "$Q" >/dev/null
"$charter" -p "$Q" cases import --group-by district "$q/cases.csv" >/dev/null
"$charter" -p "$Q" ingest "$q/corpus" >/dev/null
"$charter" -p "$Q" codebook import "$q/codebook.txt" >/dev/null
"$charter" -p "$Q" autocode >/dev/null
CHARTER_CODER=first "$charter" -p "$Q" review accept --all >/dev/null
qc=$("$charter" -p "$Q" status --format csv | awk -F, '$1=="codings"{print $2}')
printf "\nqueries (%s transcripts, 60 codes, %s codings):\n" "$nq" "$qc"
printf "%-44s %8s %10s\n" "query" "seconds" "peak MB"
qt() {
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$charter" -p "$Q" "$@" >/dev/null
	set -- $(cat "$work/time")
	awk -v l="$label" -v s="$1" -v k="$2" 'BEGIN { printf "%-44s %8.2f %10.1f\n", l, s, k / 1024 }'
}
qt "matrix * by district (cases)" query matrix --rows '*' --cols district
qt "matrix * by district (codings)" query matrix --rows '*' --cols district --count codings
qt "search pressure (index built at ingest)" query search pressure
qt "search \"felt worried\"" query search '"felt worried"'
qt "retrieve 2.1 AND 6.10" query retrieve 2.1 AND 6.10
qt "table district sex" table district sex
qt "chart 2 (csv, every case)" chart 2 --format csv
qt "case show (one case, every theme)" case show t00001
qt "export (qdpx)" export "$q/export.qdpx"
qt "report by district (md, html, docx)" report --by district --out "$q/report" --format all --label "{sex}, {district}"
ls -l "$q/report" | awk 'NR > 1 && $5 > 0 { printf "  report: %-12s %8.1f KB\n", $9, $5 / 1024 }'
# Two coders: a copy where a second coder indexed the same transcripts
# (six in seven of the first coder's codings, every fifth starting three
# code points later), then charter agree at each unit.
sqlite3 "$Q" ".backup '$q/two.charter'"
sqlite3 "$q/two.charter" "INSERT INTO coder(guid, name) VALUES(lower(hex(randomblob(16))), 'second');
INSERT INTO coding(guid, code_id, source_id, start, \"end\", line_start, line_end, coder_id, origin, created_at, status)
  SELECT lower(hex(randomblob(16))), code_id, source_id, start + CASE WHEN id % 5 = 0 THEN 3 ELSE 0 END, \"end\",
    line_start, line_end, (SELECT id FROM coder WHERE name = 'second'), 'manual', created_at, 'confirmed'
  FROM coding WHERE status = 'confirmed' AND id % 7 <> 0;"
Q="$q/two.charter"
qt "agree first second (characters)" agree first second
qt "agree ... --unit segments" agree first second --unit segments
qt "agree ... --unit cases" agree first second --unit cases
qt "agree ... --disagreements (csv)" agree first second --disagreements --format csv
Q="$q/q.charter"
echo "query plans:"
"$charter" -p "$Q" sql "EXPLAIN QUERY PLAN SELECT k.number, g.line_start, g.line_end, g.source_id, g.status = 'suggested' FROM code k CROSS JOIN coding g ON g.code_id = k.id WHERE (k.number = '2' OR k.number LIKE '2.%') AND g.status = 'confirmed'" --format csv | sed 's/^/  chart: /'
"$charter" -p "$Q" sql "EXPLAIN QUERY PLAN SELECT code_id, source_id, n FROM coding_tally WHERE status='confirmed' OR (0 AND status='suggested')" --format csv | sed 's/^/  matrix: /'
"$charter" -p "$Q" sql "EXPLAIN QUERY PLAN SELECT u.id FROM source s CROSS JOIN utterance u ON u.source_id=s.id WHERE u.id IN (SELECT rowid FROM turn_fts WHERE turn_fts MATCH 'pressure') ORDER BY s.name, u.seq" --format csv | sed 's/^/  search: /'
# The workbench: first renders in headless chromium, and 20 coders
# writing at once on loopback (BENCH_SERVE_S seconds, default 60).
echo "workbench (charter serve):"
node tools/bench_serve.mjs "$charter" "$work/serve" | sed 's/^workbench: /  /'
