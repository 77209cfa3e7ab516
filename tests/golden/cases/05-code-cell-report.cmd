study
charter autocode >/dev/null
charter code add C01 --lines 7-7 2.2
charter code add --source c01.txt --span 0-16 2
charter cell set C01 2.1 "Starting part-time work in July (L15*)"
charter cell set C01 2.2 "Provider rang on her behalf (L9); see L3"
charter cell import fx/summaries.csv
charter cell show G1 1.1
charter chart 2
charter chart 1 --refs --format csv
charter report --out rep --label "{actor_group}" --quotes 1
sed -n '/^## 1 staff/,/^## 2 client/p' rep/report.md
ls rep rep/figures
