# Refused input leaves the project unchanged.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter ingest --encoding utf-8 fx/cp1252.txt; echo "exit $?"
unchanged charter ingest fx/c01.txt fx/missing.txt; echo "exit $?"
