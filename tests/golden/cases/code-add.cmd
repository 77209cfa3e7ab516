study
charter autocode >/dev/null
# Hand coding by lines and by code-point span.
charter code add C01 --lines 7-7 2.2
charter code add --source c01.txt --span 0-16 2
charter codings --code 2.2 --format csv
