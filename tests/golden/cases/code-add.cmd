study
charter autocode >/dev/null
charter review accept --all >/dev/null
# Hand coding by lines and by code-point span.
charter code add C01 --lines 7-7 2.2
charter code add --source c01.txt --span 0-16 2
charter codings --code 2.2 --format csv
# a theme with sub-themes takes no coding by hand (it shows in no chart)
unchanged charter code add C01 --lines 7-7 2; echo "exit $?"
# the exact words, found in the case's transcript (line breaks as spaces)
charter code add C01 --quote "rang the provider for me" 2.2
unchanged charter code add C01 --quote "provider" 2.2; echo "exit $?"
unchanged charter code add C01 --quote "words nobody said" 2.2; echo "exit $?"
charter codings --case C01 --code 2.2 --format csv | tail -2
charter code remove 12
charter code remove 12; echo "exit $?"
charter code remove twelve; echo "exit $?"
# a whole turn, numbered as charter turns shows them: the words, no label
charter code add C01 --turn 4 2.1
charter codings --case C01 --code 2.1 --format csv | cut -d, -f3,4,8
charter code add C01 --turn 99 2.1; echo "exit $?"
charter code add C01 --turn 2 --lines 1-2 2.1; echo "exit $?"
charter sql "SELECT code, name, parent, rules, codings FROM v_codebook ORDER BY code" --format csv
charter sql "SELECT coder, codings FROM v_coders ORDER BY coder" --format csv
