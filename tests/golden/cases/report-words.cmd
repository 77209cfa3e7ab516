study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
printf 'most 75%%\nmany fifty\n' > words.txt
charter report --out rep3 --words words.txt
printf 'value,label\nstaff\n' > names.csv
charter report --out rep7 --names names.csv
