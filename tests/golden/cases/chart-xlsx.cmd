# The workbook round trip; a sheet that is not a chart changes nothing.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart export --format xlsx --out charts.xlsx
charter cell import charts.xlsx
unchanged charter cell import fx/cases.csv; echo "exit $?"
echo "-- what the workbook shows beside the cells, and how it prints"
charter chart summarise 2 >/dev/null
charter chart export --format xlsx --out drafts.xlsx
for f in $(unzip -Z1 drafts.xlsx | grep 'xl/comments'); do unzip -p drafts.xlsx "$f" | grep -o '<t[^>]*>[^<]*</t>' | sed 's/<[^>]*>//g'; done | sort | uniq -c
unzip -p drafts.xlsx xl/worksheets/sheet1.xml | grep -o '<oddHeader>[^<]*</oddHeader><oddFooter>[^<]*</oddFooter>'
echo "-- the notes are not imported as summaries"
charter cell import drafts.xlsx
