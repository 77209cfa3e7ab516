study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter cases import fx/cases-missing-column.csv; echo "exit $?"
