# Every writing verb is an entry of the log; undo takes verbs back and
# refuses, changing nothing, when a later change is in the way.
study
charter autocode >/dev/null
charter code add C01 2.1 --lines 5 >/dev/null
charter code add C01 2.2 --lines 7 >/dev/null
charter code remove 11 >/dev/null
charter log --last 4
echo "-- a coding the remove took away: refused"
unchanged charter undo --only 7
echo "-- the codebook import, whose codes the hand codings use: refused"
unchanged charter undo --only 5
echo "-- bad entries"
unchanged charter undo 99
unchanged charter undo two
unchanged charter undo --only
echo "-- the last verb, then back to the autocode"
charter undo
charter codings --case C01 | cut -c1-40
charter undo 7
charter codings --case C01 | cut -c1-40
charter log --last 3 --format csv
unchanged charter undo 7
