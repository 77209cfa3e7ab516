# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter sql "SELECT \"case\", code, line_start FROM v_coded ORDER BY 1, 2, 3" --format csv
unchanged charter sql "DELETE FROM coding"; echo "exit $?"
