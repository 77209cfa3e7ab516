# Lower-case and id labels (int:, mop03-2b:, {P1}) are speakers when they
# are the file's style, used again and again; a stray "p1:" or "At 10:30"
# in prose is not.
charter init study.charter >/dev/null
for f in lower-ids bracket-ids prose-notlabels; do
	charter ingest fx/labels/$f.txt
	charter turns $f.txt
done
