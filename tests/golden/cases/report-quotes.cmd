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
echo "--- a passage naming a person is never the report's own pick; a starred one is shown redacted and listed by report check"
charter cell set G1 1.1 "Letters frighten customers (L5, L7*)" >/dev/null
charter report --out r4 --label "{actor_group}" --quotes 1 >/dev/null
grep -A2 '^> I agree' r4/report.md
charter report check --label "{actor_group}" --quotes 1 --format csv | grep 'names a person'
echo "--- a reading copy: memos, prevalence and quotes, no case-by-case summaries"
charter report --out r5 --label "{actor_group}" --summaries none
grep -c '(views divided)' r5/report.md
