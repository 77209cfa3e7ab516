study
charter autocode >/dev/null
unchanged charter cases import fx/cases-missing-column.csv; echo "exit $?"
