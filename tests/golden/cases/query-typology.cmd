# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter query typology outlook C01=worried --case C02=calm
charter query matrix --rows 1 --cols outlook
printf 'case,group\nC01,a\nC02,b\n' > ty.csv
charter query typology grouping --from-csv ty.csv
charter query matrix --rows 2 --cols grouping --count codings
