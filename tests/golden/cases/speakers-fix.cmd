# After ingest a researcher lists the speakers and fixes misread labels:
# merge two spellings of one person, say a label was no speaker (its
# words join the turn before), rename, set a role and a case.  Codings stay
# on their words.
charter init study.charter >/dev/null
charter ingest --case C01 fx/labels/misread.txt >/dev/null 2>&1
printf '1 Contact\n1.1 Letters\n' > cb.txt; charter codebook import cb.txt >/dev/null
charter code add C01 --lines 4-5 1.1 >/dev/null
charter speakers
charter speakers merge misread.txt JO Jo
charter speakers not-speaker misread.txt Bolton
charter speakers rename misread.txt Jo Joanne
charter speakers role misread.txt Interviewer facilitator
printf 'id\nC01\nP1\n' > s.csv; charter cases import s.csv >/dev/null
charter speakers case misread.txt Joanne P1
charter speakers misread.txt
charter turns misread.txt
charter sql "SELECT line_start, line_end, substr(s.text, g.start+1, g.\"end\"-g.start) FROM coding g JOIN source s ON s.id=g.source_id" --format csv
charter speakers merge misread.txt Nobody Joanne; echo "exit $?"
charter speakers role misread.txt Joanne boss; echo "exit $?"
charter speakers nothing.txt; echo "exit $?"
