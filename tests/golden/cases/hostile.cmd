# Hostile and broken files: a clear error naming the file (and line where
# there is one), and the project unchanged.
charter init study.charter >/dev/null
charter ingest fx/c01.txt >/dev/null
for f in hostile-xxe.xml hostile-laughs.xml hostile-slip.docx hostile-absolute.docx \
         hostile-bomb.docx hostile-huge.docx hostile-truncated.docx \
         bad-malformed.tei bad-notutf8.tei; do
	unchanged charter ingest fx/formats/$f; echo "exit $?"
done
