study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter cell set C01 9.9 "x"; echo "exit $?"
unchanged charter cell import fx/summaries-bad.csv; echo "exit $?"
unchanged charter cell set C01 1.1 "x" --agreement consensus; echo "exit $?"
