study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
unchanged charter report --out rep --format md,html,docx --label "{sex}, District {district}"
ls rep
charter report --out rep2 --label "{sex}, District {district}" --strict
ls rep2
charter report --out rep4 --format pdf
