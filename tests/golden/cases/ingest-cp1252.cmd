# A file that is not UTF-8 is read as Windows-1252, with a warning.
charter init study.charter >/dev/null
charter ingest fx/cp1252.txt
charter turns cp1252.txt
