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
echo "$patterns" > "$work/patterns"
set -- $(tm sh -c "while IFS= read -r pat; do LC_ALL=C.UTF-8 grep -E -i -c \"\$pat\" $work/corpus/*.txt >/dev/null || true; done < $work/patterns")
grep_s=$1 grep_kb=$2
codings=$("$charter" -p "$P" status --format csv | awk -F, '$1=="codings"{print $2}')
awk -v b="$bytes" -v is="$ingest_s" -v ik="$ingest_kb" -v as="$auto_s" \
    -v ak="$auto_kb" -v gs="$grep_s" -v gk="$grep_kb" -v c="$codings" 'BEGIN {
	mb = b / 1048576
	printf "corpus: %.1f MB\n", mb
	printf "%-28s %8s %10s %10s\n", "step", "seconds", "MB/s", "peak MB"
	printf "%-28s %8.2f %10.1f %10.1f\n", "charter ingest", is, mb / (is > 0 ? is : 0.01), ik / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "charter autocode (10 rules)", as, mb / (as > 0 ? as : 0.01), ak / 1024
	printf "%-28s %8.2f %10.1f %10.1f\n", "grep -E -i -c (10 patterns)", gs, mb / (gs > 0 ? gs : 0.01), gk / 1024
	printf "autocode / grep time ratio: %.2f; codings made: %s\n", as / (gs > 0 ? gs : 0.01), c
}'

# Each reader on the same interviews written in its format: ingest into a
# fresh project and report MB/s of input.
fmb=${BENCH_FORMAT_MB:-20}
printf "\nreaders (%s MB of each format, same interviews):\n" "$fmb"
printf "%-8s %8s %10s %10s %10s\n" "format" "MB" "seconds" "MB/s" "peak MB"
for fmt in txt md html docx odt vtt srt tsv tei eaf trs; do
	rm -rf "$work/fmt"
	"$gen" --format "$fmt" "$work/fmt" "$fmb" >/dev/null
	fbytes=$(cat "$work"/fmt/* | wc -c)
	rm -f "$work/fmt.charter"
	"$charter" init "$work/fmt.charter" >/dev/null
	set -- $(tm "$charter" -p "$work/fmt.charter" ingest "$work/fmt")
	awk -v f="$fmt" -v b="$fbytes" -v s="$1" -v k="$2" 'BEGIN {
		mb = b / 1048576
		printf "%-8s %8.1f %10.2f %10.1f %10.1f\n", f, mb, s, mb / (s > 0 ? s : 0.01), k / 1024 }'
done
rm -rf "$work/fmt" "$work/fmt.charter"
