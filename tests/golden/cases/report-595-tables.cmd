# The sample tables of DWP Research Report 595 (Tables 1.1, 1.2, A.3, A.4
# and A.5) from the demo study's classification sheet and its tables file,
# cell for cell and in the report's layout: rows in the order asked, the
# columns asked (Men before Women in A.3), zero-free lists, totals only
# where they add up, the household roll-up with its note.  The Markdown
# tables, as tab-separated cells, must equal the report's own text.
charter init study.charter >/dev/null
charter cases import "$STUDY_DIR/cases.csv" >/dev/null
charter ingest --group "$STUDY_DIR"/adv-?.txt "$STUDY_DIR"/pfs-?.txt "$STUDY_DIR"/pm-c.txt | tail -1
charter codebook import "$CODEBOOK" >/dev/null
cp "$STUDY_DIR/tables.conf" "$STUDY_DIR/names.csv" .
tsv() {
	grep -v '^note: \||---' | sed 's/\*\*//g' |
	awk '/^\|/ { s = substr($0, 2, length($0) - 2); n = split(s, c, "|"); out = "";
	             for (i = 1; i <= n; i++) { gsub(/^ +| +$/, "", c[i]); out = out (i > 1 ? "\t" : "") c[i] }
	             print out; next } { print }' | cat -s | sed '${/^$/d}'
}
charter table --file tables.conf --names names.csv --format md > tables.md
tsv < tables.md > tables.tsv
grep -v '^#' fx/report595-tables.txt | diff - tables.tsv && echo "Tables 1.1, 1.2, A.3, A.4 and A.5 match Report 595"
cat tables.tsv
echo "-- in the report's appendix, with the study's numbers; the report's own table after them"
charter report --out rep --tables tables.conf --names names.csv >/dev/null 2>&1
grep '^\*\*Table' rep/report.md
sed -n '/^\*\*Table A.4/,/^\*\*Table A.5/p' rep/report.md | tsv | grep -v '^Table\|^$' > a4.tsv
sed -n '/^Table A.4/,/^Table A.5/p' tables.tsv | grep -v '^Table\|^$' | diff - a4.tsv && echo "the report's Table A.4 is the same"
echo "-- one table as CSV; and what is refused"
charter table --file tables.conf --format csv A.3
charter table --file tables.conf --format csv; echo "exit $?"
charter table --file tables.conf Z.9; echo "exit $?"
printf 'table 1 Bad\n  rows: role\n  layout: wide\n' > bad.txt
charter table --file bad.txt; echo "exit $?"
printf '  rows: role\n' > bad2.txt
charter table --file bad2.txt; echo "exit $?"
printf 'table 1 A\n  rows: role\ntable 1 B\n  rows: sex\n' > bad3.txt
charter table --file bad3.txt; echo "exit $?"
printf 'table 1 A\n  rows: shoe_size\n' > bad4.txt
charter table --file bad4.txt; echo "exit $?"
charter report --out rep2 --tables bad4.txt; echo "exit $?"
