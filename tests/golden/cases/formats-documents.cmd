# PDF (a printed transcript, page numbers as markers) and RTF (code pages,
# Windows-1252 and Windows-1251,
# \u escapes, bold labels) read as the line parser reads text.
charter init study.charter >/dev/null
for f in interview.pdf interview.rtf cyrillic-1251.rtf; do
	charter ingest fx/formats2/$f
	charter turns $f
done
