study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
charter report --out rep5 --label "{nhs_number}"
charter report --out rep6 --label "{actor_group}" --numbers --quotes 0
sed -n '/^## 3 Views/,/^## Appendix/p' rep6/report.md
