study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
charter report --out rep --label "{actor_group}" --quotes 1
sed -n '/^## 1 staff/,/^## 2 client/p' rep/report.md
ls rep rep/figures
echo "--- a report rests on decisions, never on pending suggestions"
charter report --include-suggested --out r2
echo "rc=$?"
echo "--- summaries under the quote label; case ids only in an internal draft"
charter report --out r3 --label "{actor_group}" --case-ids >/dev/null
grep '(views divided)' rep/report.md r3/report.md | cut -c1-60
