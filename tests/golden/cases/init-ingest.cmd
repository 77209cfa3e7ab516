# A project from a case sheet and transcripts; sources listed.
charter init study.charter
charter cases import fx/cases.csv
charter ingest --case C01 fx/c01.txt
charter ingest --group --case G1 fx/g1.txt
charter ingest fx/c02.txt
charter sources
charter cases list --format csv
