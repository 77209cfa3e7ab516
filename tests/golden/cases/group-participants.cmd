# Each participant of a focus group a case of their own (--participant-cases).
cat > book.txt <<'BOOK'
1 Advisers
1.1 Job satisfaction
  rule: /job satisfaction|one interview and goodbye/i
1.2 Screening
  rule: /screening/i
BOOK
cat > sheet.csv <<'SHEET'
id,actor_group,district
G1,Jobcentre Plus advisers,A
G2,Jobcentre Plus advisers,B
SHEET
charter init study.charter >/dev/null
charter cases import sheet.csv >/dev/null
charter codebook import book.txt >/dev/null
charter ingest --participant-cases --case G2 fx/formats/group2.vtt
charter turns group2.vtt
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cases list --format csv
charter chart 1 --format csv
