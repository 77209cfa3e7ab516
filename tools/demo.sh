#!/bin/sh
# make demo: the whole Framework pipeline on the shipped study.
# usage: tools/demo.sh CHARTER OUTDIR
#   OUTDIR/pathways.charter   the project
#   OUTDIR/pathways.qdpx      the project as REFI-QDA, for other QDA tools
#   OUTDIR/charts/            a chart per main theme (Markdown, CSV and HTML,
#                             with sources/ transcript pages), charts.xlsx
#   OUTDIR/report/            the report (report.md with figures/, report.html,
#                             report.docx): a chapter per actor group, one
#                             across the groups, the method appendix
set -eu
charter=$1 out=$2
study=corpus/pathways
codebook=codebooks/pathways.txt
P="$out/pathways.charter"
rm -rf "$out"
mkdir -p "$out/charts" "$out/report"
c() { "$charter" -p "$P" "$@"; }

echo "== project"
"$charter" init "$P"
echo "== classification sheet"
c cases import "$study/cases.csv"
# Group discussions (and interviews with several respondents) are one case
# with several participant speakers: the sheet's `participants` column says
# which.  Every other transcript is one respondent's interview.
groups=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "participants") p = i; next }
                  p && $p + 0 > 1 { print tolower($1) }' "$study/cases.csv")
# Automatic transcripts label turns "Speaker 1 (00:01:02):"; in this study
# speaker 1 is always the interviewer, as the researcher would tell charter.
single="" multi="" auto=""
for f in "$study"/*.txt; do
	id=$(basename "$f" .txt)
	if echo "$groups" | grep -qx "$id"; then multi="$multi $f"
	elif grep -q '^Speaker 1 (' "$f"; then auto="$auto $f"
	else single="$single $f"; fi
done
echo "== transcripts"
# shellcheck disable=SC2086
c ingest $single | tail -1
# shellcheck disable=SC2086
[ -z "$auto" ] || c ingest --interviewer "Speaker 1" $auto | tail -1
# shellcheck disable=SC2086
[ -z "$multi" ] || c ingest --group $multi | tail -1
echo "== thematic framework"
c codebook import "$codebook"
echo "== indexing (auto-code rules)"
c autocode
# The rules' hits are suggestions until the researcher decides them: the
# study's decisions (review.csv: decision, source, code, line, why) first,
# then the rest of the suggestions accepted.
echo "== review"
if [ -f "$study/review.csv" ]; then
	tail -n +2 "$study/review.csv" | while IFS=, read -r what src code line why; do
		why=${why#\"} why=${why%\"}
		c review "$what" --source "$src" --code "$code" --line "$line" >/dev/null
		echo "$what $src L$line ($code): $why"
	done
fi
c review accept --all
# Where the rules missed a passage the researcher cites in a summary, she
# indexed it by hand (codings.csv: case, code, lines; made with charter
# chart code-cited, which codes every line a summary cites that nothing
# coded to its sub-theme).
if [ -f "$study/codings.csv" ]; then
	echo "== indexing by hand"
	n=0
	tail -n +2 "$study/codings.csv" | tr -d '\r' | { while IFS=, read -r cs code lines; do
		c code add "$cs" "$code" --lines "$lines" >/dev/null
		n=$((n + 1))
	done; echo "$n passages indexed by hand"; }
fi
if [ -f "$study/summaries.csv" ]; then
	echo "== chart summaries"
	c cell import "$study/summaries.csv"
fi
if [ -f "$study/memos.csv" ]; then
	echo "== analytic memos (the report's key findings, narrative and conclusions)"
	c memo import "$study/memos.csv"
fi
if [ -f "$study/typology.conf" ]; then
	echo "== the clients' typology, from the evidence"
	c query typology outlook --rules "$study/typology.conf" | tail -2
fi
echo "== charts"
c chart --all --out "$out/charts" --format md >/dev/null
c chart --all --out "$out/charts" --format csv >/dev/null
c chart --all --out "$out/charts" --format html
c chart export --format xlsx --out "$out/charts/charts.xlsx"
c export "$out/pathways.qdpx"
ls "$out/charts"
echo "== sample tables (as the study's report numbers and lays them out)"
c table --file "$study/tables.conf" --names "$study/names.csv"
echo "== report"
# Chapters by actor group, prevalence by role, quotes labelled by role, sex
# and age band; the appendix reproduces the study's sample tables with the
# study's numbers (tables.conf).
c report --out "$out/report" --format md,html,docx \
	--names "$study/names.csv" --label "{role}, {sex}, {age_band}" \
	--redact "$study/redact.list" --tables "$study/tables.conf" \
	--table "outlook:participants=Clients' outlooks on work (the typology)"
ls "$out/report"
echo "== what the report still needs"
c report check --label "{role}, {sex}, {age_band}" --redact "$study/redact.list" \
	--format csv | cut -d, -f1 | tail -n +2 | sort | uniq -c || true
echo "== status"
c status
echo "demo written to $out/"
