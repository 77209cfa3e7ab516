# The same transcript twice is refused.
charter init study.charter >/dev/null
charter ingest --case C01 fx/c01.txt >/dev/null
charter ingest --case C01 fx/c01.txt
