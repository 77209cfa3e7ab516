# Charting aids: the lint, drafts (never over a researcher's summary), the
# case profile, accepting and clearing, and the workbook round trip.
study
charter autocode >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart check; echo "exit $?"
charter chart summarise 1
charter chart 1 --format csv
charter cell accept C02 1.1; echo "exit $?"
charter cell accept C02 1.1; echo "exit $?"
charter cell clear C01 1.2
charter case show C01 --format csv
charter chart export --format xlsx --out charts.xlsx
charter cell import charts.xlsx
unchanged charter cell import fx/cases.csv; echo "exit $?"
# views: a sub-theme down the clients, with an attribute column
charter chart 1 --where actor_group=client --show sex --code 1.1 --format csv
charter chart 1 --code 9.9; echo "exit $?"
charter chart 1 --where nonsense; echo "exit $?"
charter chart 1 --format html --out html/chart1.html
ls html html/sources
# cell edit: $EDITOR on the summary, coded passages below as context
printf '#!/bin/sh\ncat "$1" >&2\nsed -i "1s/.*/Letters worry her (L5*)./" "$1"\n' > ed.sh
chmod +x ed.sh
EDITOR=./ed.sh charter cell edit C01 1.1
charter cell show C01 1.1 --format csv | cut -d, -f1-4
EDITOR=true charter cell edit C01 1.1
