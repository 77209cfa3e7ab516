# The framework changes with the analysis; codings and cells follow.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell set C01 1.2 "Adviser explained it (L9)" >/dev/null
charter codebook add 1.3 "Phone calls" --definition "Contact by phone"
charter codebook rename 1.2 "Personal advisers"
charter codebook merge 1.2 1.1
charter chart 1 --format csv
charter codebook move 1.3 --under 2
charter codebook renumber 2.3 2.9
echo "-- refused, nothing changed"
unchanged charter codebook merge 1 1.1
unchanged charter codebook merge 2 2.1
unchanged charter codebook renumber 2 2.5
unchanged charter codebook add 1.1 Again
unchanged charter codebook add 4.1 Orphan
unchanged charter codebook delete 1.1
unchanged charter codebook move 2.9
echo "-- importing the file again: the difference, applied with --apply"
unchanged charter codebook import fx/codebook.txt
charter codebook import --apply fx/codebook.txt
charter codebook list | cut -c1-60
charter codebook changes --format csv | cut -d, -f3-
echo "-- back to before the summary: every change undone"
charter undo 8 | cut -c1-60
charter chart 1 --format csv
