# Sources and cases change after ingest: a transcript removed with its
# codings (the project shows it gone), renamed; a case renamed, two cases
# merged (values INTO lacks move over, a differing one is kept and said, a
# clash of summaries refused with nothing changed); --where naming a value
# no case has is warned about with the attribute's values.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter source rename c02.txt c02-interview.txt
charter source remove c02-interview.txt
charter sources --format csv | cut -d, -f1,2
charter codings --format csv | cut -d, -f1-3 | sort | uniq -c | sort -rn | head -3
charter case rename C02 C02b
charter case rename C01 G1; echo "exit $?"
charter cell set G1 1.1 "Letters too harsh (L5*)" >/dev/null
charter cell set C01 1.1 "Worried by the letter (L5*)" >/dev/null
unchanged charter case merge C01 G1; echo "exit $?"
charter cell set C01 1.1 "" >/dev/null
charter case merge C01 G1
charter cases list --format csv
charter case show C01; echo "exit $?"
charter chart 1 --where district=Z --format csv >/dev/null
charter table sex --where role=astronaut >/dev/null
