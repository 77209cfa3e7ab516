# Memos on what they are about, refused when that is not there, imported
# from a sheet, and carried through a REFI-QDA export.
study
charter memo add --kind analytic --theme 1 --group client "Clients read the letter as a threat (C01 L5, C02 L3)."
charter memo add --source c01.txt --lines 9-11 "She rang the provider for him: a warm handover."
charter memo add --case C01 --code 2.1 --title "Work" "Part-time; wants more hours?"
printf 'Interviews were short; probes were few.\n' | charter memo add --kind method -
charter memo add --kind reflexive --case C02 "I led him on the medical."
charter memo add --kind analytic --group client --title "Key findings" "Letters alarmed both clients."
echo "-- refused"
unchanged charter memo add --case C9 "x"
unchanged charter memo add --group client --case C01 "x"
unchanged charter memo add --group nobody "x"
unchanged charter memo add --theme 1 --group nobody "x"
unchanged charter memo add --source c01.txt --lines 30-40 "x"
unchanged charter memo add --lines 3 "x"
unchanged charter memo add --kind diary "x"
unchanged charter memo show 99
unchanged charter memo rm 99
echo "-- listed, shown, changed"
charter memo list
charter memo list --kind analytic --format csv
charter memo edit 3 --text "Part-time, garden centre; wants more hours."
charter memo show 3
charter memo rm 5
echo "-- a sheet of memos: added, then again (nothing twice), then a bad row"
printf 'kind,theme,group,title,text\nanalytic,1.1,client,,"On 1.1: the letter.\n\nTwo paragraphs."\nanalytic,,,Conclusions,The letter matters.\n' > memos.csv
charter memo import memos.csv
charter memo import memos.csv
printf 'text,theme\nfine,1\nbad,9\n' > bad.csv
unchanged charter memo import bad.csv
echo "-- exported and imported: the same anchors"
charter export out.qdpx >/dev/null
charter import out.qdpx --into back.charter | head -1
charter -p back.charter memo list
