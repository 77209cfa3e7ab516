study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
charter report --out rep8 --table "shoe_size:participants"
charter report --out rep9 --table "sex:district:people"
charter report --out rep10 --by district --label "{actor_group}" --quotes 0 --table "health"
grep -A8 '^\*\*Table A.1' rep10/report.md
