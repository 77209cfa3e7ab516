study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart 1 --format html --out html/chart1.html
ls html html/sources
