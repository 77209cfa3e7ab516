# --format forces the reader.
charter init study.charter >/dev/null
sed 's/Sarah/Sara/' fx/formats/zoom.vtt > raw.vtt
charter ingest --format txt raw.vtt
charter turns raw.vtt | head -4
charter ingest --format docx fx/c01.txt; echo "exit $?"
charter ingest --format vtt fx/c02.txt; echo "exit $?"
charter ingest --format nonsense fx/c02.txt; echo "exit $?"
