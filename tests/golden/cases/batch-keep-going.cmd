# With --keep-going the good files are kept and the bad ones listed.
charter init study.charter >/dev/null
charter ingest fx/c01.txt >/dev/null
charter ingest --keep-going fx/c02.txt fx/formats/hostile-xxe.xml fx/g1.txt fx/formats/hostile-truncated.docx; echo "exit $?"
charter sources --format csv
