#!/bin/sh
# make bench: time ingest and autocode on a synthetic corpus, and grep -E -c
# with the same patterns on the same files as the reference.
# usage: tools/bench.sh CHARTER GEN MEGABYTES
set -eu
charter=$1 gen=$2 mb=$3
work=${BENCH_DIR:-build/bench}
rm -rf "$work"
mkdir -p "$work"
"$gen" "$work/corpus" "$mb"
bytes=$(cat "$work"/corpus/*.txt | wc -c)
# The benchmark codebook: ten rules of the kind a study uses.
cat > "$work/codebook.txt" <<'CB'
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
CB
patterns='\bletters?\b
\badvisers?\b
\b(back pain|depression|anxiety)\b
\b(pushed|pressure|sanction(ed)?)\b
\b(part-time|placement|employer|wages)\b
\b(better-off|tax credit|calculation)\b
\b(kids|childcare|daughter|son)\b
\b(worried|confidence|felt)\b
\b(course|training|college|skills)\b
\b(useless|waste|nice|friendly)\b'
P="$work/bench.charter"
"$charter" init "$P" >/dev/null
"$charter" -p "$P" codebook import "$work/codebook.txt" >/dev/null
tm() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null; cat "$work/time"; }
set -- $(tm "$charter" -p "$P" ingest "$work"/corpus/*.txt)
ingest_s=$1 ingest_kb=$2
set -- $(tm "$charter" -p "$P" autocode)
auto_s=$1 auto_kb=$2
# the researcher's decisions and their undo, on every suggestion at once
set -- $(tm "$charter" -p "$P" review accept --all)
review_s=$1 review_kb=$2
set -- $(tm "$charter" -p "$P" undo)
undo_s=$1 undo_kb=$2
printf '%s\n' "$patterns" > "$work/patterns"  # (echo would turn \b into a backspace)
# The references write their counts to a file: with output to /dev/null
# GNU grep stops at the first match of each file and looks far faster than
# it is.
set -- $(tm sh -c "while IFS= read -r pat; do LC_ALL=C.UTF-8 grep -E -i -c \"\$pat\" $work/corpus/*.txt >> $work/grep.out || true; done < $work/patterns")
grep_s=$1 grep_kb=$2
# ripgrep: every pattern in one pass over the files
set -- $(tm sh -c "rg --no-ignore --hidden -i -c -f $work/patterns $work/corpus > $work/rg.out || true")
rg_s=$1 rg_kb=$2
set -- $(tm "$charter" -p "$P" autocode --dry-run)
dry_s=$1 dry_kb=$2
codings=$("$charter" -p "$P" status --format csv | awk -F, '$1=="suggestions pending"{print $2}')
awk -v b="$bytes" -v is="$ingest_s" -v ik="$ingest_kb" -v as="$auto_s" \
    -v ak="$auto_kb" -v gs="$grep_s" -v gk="$grep_kb" -v c="$codings" \
    -v rs="$review_s" -v rk="$review_kb" -v us="$undo_s" -v uk="$undo_kb" \
    -v rgs="$rg_s" -v rgk="$rg_kb" -v ds="$dry_s" -v dk="$dry_kb" 'BEGIN {
	mb = b / 1048576
	printf "corpus: %.1f MB\n", mb
	printf "%-28s %8s %10s %10s\n", "step", "seconds", "MB/s", "peak MB"
	printf "%-28s %8.2f %10.1f %10.1f\n", "charter ingest", is, mb / (is > 0 ? is : 0.01), ik / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "charter autocode (10 rules)", as, mb / (as > 0 ? as : 0.01), ak / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "charter autocode --dry-run", ds, mb / (ds > 0 ? ds : 0.01), dk / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "rg -f (10 patterns, 1 pass)", rgs, mb / (rgs > 0 ? rgs : 0.01), rgk / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "grep -E -i -c (10 patterns)", gs, mb / (gs > 0 ? gs : 0.01), gk / 1024
	printf "%-28s %8.2f %10s %10.1f\n", "review accept --all", rs, "", rk / 1024
	printf "%-28s %8.2f %10s %10.1f\n", "undo (the review)", us, "", uk / 1024
	printf "autocode / rg: %.1fx; dry-run / rg: %.1fx; autocode / grep: %.1fx; suggestions made: %s\n", as / (rgs > 0 ? rgs : 0.01), ds / (rgs > 0 ? rgs : 0.01), as / (gs > 0 ? gs : 0.01), c
}'

# Each reader on the same interviews written in its format: ingest into a
# fresh project and report MB/s of input.
fmb=${BENCH_FORMAT_MB:-20}
printf "\nreaders (%s MB of each format, same interviews):\n" "$fmb"
printf "%-8s %8s %10s %10s %10s\n" "format" "MB" "seconds" "MB/s" "peak MB"
for fmt in txt md html docx odt vtt srt tsv tei eaf trs chat textgrid whisper rtf pdf; do
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
"$charter" -p "$Q" cases import "$q/cases.csv" >/dev/null
"$charter" -p "$Q" ingest "$q/corpus" >/dev/null
"$charter" -p "$Q" codebook import "$q/codebook.txt" >/dev/null
"$charter" -p "$Q" autocode >/dev/null
"$charter" -p "$Q" review accept --all >/dev/null
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
qt "search pressure (builds the index)" query search pressure
qt "search \"felt worried\" (index ready)" query search '"felt worried"'
qt "retrieve 2.1 AND 6.10" query retrieve 2.1 AND 6.10
qt "table district sex" table district sex
qt "chart 2 (csv, every case)" chart 2 --format csv
qt "case show (one case, every theme)" case show t00001
qt "export (qdpx)" export "$q/export.qdpx"
qt "report by district (md, html, docx)" report --by district --out "$q/report" --format all --label "{sex}, {district}"
ls -l "$q/report" | awk 'NR > 1 && $5 > 0 { printf "  report: %-12s %8.1f KB\n", $9, $5 / 1024 }'
echo "query plans:"
"$charter" -p "$Q" sql "EXPLAIN QUERY PLAN SELECT x.case_id, k.number, t.n FROM (SELECT code_id, source_id, count(*) AS n FROM coding GROUP BY code_id, source_id) t JOIN case_source x ON x.source_id=t.source_id AND x.by_speaker=0 JOIN code k ON k.id=t.code_id" --format csv | sed 's/^/  matrix: /'
"$charter" -p "$Q" sql "EXPLAIN QUERY PLAN SELECT u.id FROM turn_fts f JOIN utterance u ON u.id=f.rowid JOIN source s ON s.id=u.source_id WHERE turn_fts MATCH 'pressure'" --format csv | sed 's/^/  search: /'
