study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
unchanged charter report --out rep --format md,html,docx --label "{sex}, District {district}"
ls rep
charter report --out rep2 --label "{sex}, District {district}" --strict
ls rep2
charter report --out rep4 --format pdf
echo "-- the report's own transcript pages: titled by number, no case id, names (and any places listed) redacted"
ls rep/sources
grep -o '<title>[^<]*' rep/sources/t01.html
grep -l 'C01\|C02\|G1' rep/sources/*.html || echo "no case id on any page"
grep -o 'href="sources/t0[0-9].html#L[0-9]*"' rep/report.html | head -2
