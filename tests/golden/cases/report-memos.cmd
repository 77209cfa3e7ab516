# The report's words from the researcher's analytic memos: report check
# lists what is missing, a sheet of memos fills it, and the report opens
# each chapter with its key findings, tells each section by its memo and
# ends with the conclusions.
study
charter autocode >/dev/null
echo "-- suggestions pending, nothing summarised"
unchanged charter report check; echo "exit $?"
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
cat > memos.csv <<'CSV'
kind,theme,group,title,text
analytic,,staff,Key findings,"Staff think letters frighten customers.

They did not agree on it."
analytic,1,staff,,One group discussed first contact; views on the letters were divided.
analytic,2,staff,,Staff spoke of providers only in passing.
analytic,,client,Key findings,Both clients first heard through a letter that worried them.
analytic,1,client,,"Both clients remembered the letter, one as 'a bit worried' (C01 L5)."
analytic,1.1,client,,The letter read as a threat.
analytic,2,client,,One client spoke of work.
analytic,,,Letters do harm,Rewrite the letters in plain words.
CSV
charter memo import memos.csv
echo "-- memos written, cells still to summarise"
charter report check --format csv; echo "exit $?"
charter report --out rep --label "{actor_group}"
sed -n '/^## 2 client/,/^#### 2.1.1/p; /^## 4 Conclusions/,/^## Appendix/p' rep/report.md
echo "-- bad usage"
charter report check --by nothing; echo "exit $?"
