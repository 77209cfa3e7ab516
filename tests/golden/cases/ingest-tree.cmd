# A folder is walked with its sub-folders; what is not a transcript is
# listed with the reason; a file named for a case id (p01-amira.txt) goes
# to that case when only one case fits; a folder with no transcripts is an
# error and so is a run that ingests nothing.
charter init study.charter >/dev/null
printf 'id,actor_group\nP01,client\nC02,client\nP011,client\n' > sheet.csv
charter cases import sheet.csv >/dev/null
charter ingest fx/tree; echo "exit $?"
charter sources --format csv | cut -d, -f1,2
mkdir empty; touch empty/notes.csv
charter ingest empty; echo "exit $?"
# a case the sheet does not have is said, with the sheet's cases close to it
cp fx/g1.txt p01-second-visit.txt
charter ingest --case P01-2 p01-second-visit.txt
mkdir two; cp fx/c01.txt two/a.txt; printf 'A: one\nB: two\n' > two/b.txt
charter ingest --case P011 two 2>&1 | grep -v '^a.txt\|^b.txt'
