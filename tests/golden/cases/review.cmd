# Auto-coding suggests; charts count only what the researcher decided.
study
charter autocode | tail -1
echo "-- nothing counted yet; with the suggestions, marked ?"
charter chart 1 --format csv
charter chart 1 --format csv --include-suggested
echo "-- scripted decisions"
charter review list --code 1.2
charter review accept --code 1.1
charter review reject --source c01.txt --line 9 --code 1.2
charter chart 1 --format csv
echo "-- refused: no filter, unknown names, a hand coding"
unchanged charter review accept
unchanged charter review accept --code 7
unchanged charter review reject --rule 99
unchanged charter review accept --case nobody
charter code add C01 2.1 --lines 15 >/dev/null
unchanged charter review accept --id 11
echo "-- the walk: accept, skip, recode, quit; then it resumes"
printf 'a s c 2.1\nq' | charter review
printf 'x a u q' | charter review | tail -12
charter review status
echo "-- auto-coding again keeps every decision"
charter autocode | tail -1
charter status | grep -i "codings\|suggestions"
charter log --last 3
