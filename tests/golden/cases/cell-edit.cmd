# cell edit: $EDITOR on the summary, coded passages below as context.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
printf '#!/bin/sh\ncat "$1" >&2\nsed -i "1s/.*/Letters worry her (L5*)./" "$1"\n' > ed.sh
chmod +x ed.sh
EDITOR=./ed.sh charter cell edit C01 1.1
charter cell show C01 1.1 --format csv | cut -d, -f1-4
EDITOR=true charter cell edit C01 1.1
