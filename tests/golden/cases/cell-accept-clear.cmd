study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart summarise 1 >/dev/null
charter cell accept C02 1.1; echo "exit $?"
charter cell accept C02 1.1; echo "exit $?"
charter cell clear C01 1.2
charter chart 1 --format csv
