study
charter autocode >/dev/null
charter cell import fx/summaries.csv >/dev/null
charter table health
charter table actor_group --count participants --format md
charter table sex district --order name
charter table shoe_size
charter table sex --count people
unchanged charter report --out rep --format md,html,docx --label "{sex}, District {district}"
ls rep
charter report --out rep2 --label "{sex}, District {district}" --strict
ls rep2
printf 'most 75%%\nmany fifty\n' > words.txt
charter report --out rep3 --words words.txt
charter report --out rep4 --format pdf
charter report --out rep5 --label "{nhs_number}"
charter report --out rep6 --label "{actor_group}" --numbers --quotes 0
sed -n '/^## 3 Views/,/^## Appendix/p' rep6/report.md
printf 'value,label\nstaff\n' > names.csv
charter report --out rep7 --names names.csv
charter report --out rep8 --table "shoe_size:participants"
charter report --out rep9 --table "sex:district:people"
charter report --out rep10 --by district --label "{actor_group}" --quotes 0 --table "health"
grep -A8 '^\*\*Table A.1' rep10/report.md
