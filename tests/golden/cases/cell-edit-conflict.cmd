# cell edit holds no lock while the editor is open; a cell set made
# meanwhile is not overwritten: the edit is refused and its text kept.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
printf '#!/bin/sh\n"$CHARTER" cell set C01 1.1 "Set by a colleague (L5)." >/dev/null\nsed -i "1s/.*/My edit (L5*)./" "$1"\n' > ed.sh
chmod +x ed.sh
EDITOR=./ed.sh CHARTER="$(sed -n 's/^charter() { "\(.*\)" "\$@"; }$/\1/p' run)" charter cell edit C01 1.1 2>err.txt
echo "exit $?"
sed 's|/tmp/charter-cell-[A-Za-z0-9]*|TMPFILE|' err.txt
charter cell show C01 1.1 --format csv | cut -d, -f1-4
# the text is kept where the message says
head -1 "$(grep -o '/tmp/charter-cell-[A-Za-z0-9]*' err.txt)"
rm -f "$(grep -o '/tmp/charter-cell-[A-Za-z0-9]*' err.txt)"
