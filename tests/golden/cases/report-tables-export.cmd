# The report's tables on their own, for report writers: every table with
# its number, caption and note as the report has them; one chapter's; as
# CSV, a workbook (a worksheet per table) and a DOCX of the tables.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter report tables --out all.csv --format csv
cat all.csv | tr -d '\r'
echo "-- the same captions as the report's"
charter report --out rep >/dev/null 2>&1
grep '^\*\*Table' rep/report.md | sed 's/\*\*//g' > report-captions
tr -d '\r' < all.csv | sed 's/^"//; s/"$//' | grep '^Table ' | diff report-captions - && echo "same tables, same numbers"
echo "-- one chapter: the appendix, then the chapter across the groups"
charter report tables --out a.csv --format csv --chapter A
charter report tables --out ch3.xlsx --chapter 3
unzip -l ch3.xlsx | grep -c 'xl/worksheets/sheet'
unzip -p ch3.xlsx xl/workbook.xml | grep -o 'sheet name="[^"]*"'
charter report tables --out ch3.docx --format docx --chapter 3
unzip -p ch3.docx word/document.xml | grep -o 'Table 3\.[0-9] [^<]*'
echo "-- refused"
charter report tables --out x.csv --format csv --chapter 7; echo "exit $?"
charter report tables --out x.csv --format pdf; echo "exit $?"
ls x.csv 2>/dev/null || echo "nothing written"
