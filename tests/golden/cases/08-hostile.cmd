# Hostile and broken files: a clear error naming the file (and line where
# there is one), and the project unchanged.
charter init study.charter >/dev/null
charter ingest fx/c01.txt >/dev/null
for f in hostile-xxe.xml hostile-laughs.xml hostile-slip.docx hostile-absolute.docx \
         hostile-bomb.docx hostile-huge.docx hostile-truncated.docx \
         bad-malformed.tei bad-notutf8.tei; do
	unchanged charter ingest fx/formats/$f; echo "exit $?"
done
unchanged charter ingest --format docx fx/c01.txt; echo "exit $?"
unchanged charter ingest --format vtt fx/c02.txt; echo "exit $?"
unchanged charter ingest --format nonsense fx/c02.txt; echo "exit $?"
# declared UTF-8 but not: converted on request
charter ingest --encoding cp1252 fx/formats/bad-notutf8.tei
charter turns bad-notutf8.tei
# a batch: without --keep-going the first bad file aborts and nothing is kept
unchanged charter ingest fx/c02.txt fx/formats/hostile-xxe.xml fx/g1.txt; echo "exit $?"
# with it, the good files are kept and the bad ones listed
charter ingest --keep-going fx/c02.txt fx/formats/hostile-xxe.xml fx/g1.txt fx/formats/hostile-truncated.docx; echo "exit $?"
charter sources --format csv
