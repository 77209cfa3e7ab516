# A batch: without --keep-going the first bad file aborts and nothing is kept.
charter init study.charter >/dev/null
charter ingest fx/c01.txt >/dev/null
unchanged charter ingest fx/c02.txt fx/formats/hostile-xxe.xml fx/g1.txt; echo "exit $?"
