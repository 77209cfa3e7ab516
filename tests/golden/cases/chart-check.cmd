# The lint of a chart's summaries.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart check; echo "exit $?"
echo "-- the lines a summary cites, coded by hand to its sub-theme"
unchanged charter chart code-cited --dry-run
charter chart code-cited
charter chart check 1 | grep -c "not coded here"
charter codings --format csv | grep manual
echo "-- undone: cited but uncoded again"
charter undo >/dev/null
charter chart check 1 | grep "not coded here"
echo "-- a line cited twice in one summary"
charter cell set C01 1.1 "Worried by the letter (L5*, L5)" >/dev/null
charter chart check 1 | grep "twice"
echo "-- the same line cited again for another point is not"
charter cell set C01 1.1 "Worried by the letter (L5) and by the interview (L5*)" >/dev/null
charter chart check 1 | grep -c "twice"
