# PDF (a printed transcript, page numbers as markers) and RTF (code page,
# \u escapes, bold labels) read as the line parser reads text.
charter init study.charter >/dev/null
for f in interview.pdf interview.rtf; do
	charter ingest fx/formats2/$f
	charter turns $f
done
