# A typology from the evidence: rules over codings, chart summaries and
# attributes give each case a type; the cases that fit none or several
# are listed; the types are stored as a case attribute for tables and
# charts.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
cat > rules.conf <<'RULES'
# how first contact went
type Worried by the letter
  when: summary 1.1 ~ /worr(y|ied)/i
  when: coded 1.1 and sex=F
type Met an adviser
  when: coded 1.2 and not actor_group=staff
type Staff view
  when: (actor_group="staff") or coded 2.2 and sex=nobody
RULES
charter query typology contact --rules rules.conf --dry-run
charter table contact 2>&1 | head -2
charter query typology contact --rules rules.conf
charter table contact
echo "-- only: narrows the cases"
printf 'only: actor_group=client\ntype Letter\n  when: coded 1.1\n' > only.conf
charter query typology letter --rules only.conf --format csv
echo "-- refused, each naming its line; nothing stored"
printf 'type A\n  when: coded 1.1 and\n' > b1.conf
printf 'type A\n  when: summary 1.1 ~ /(unclosed/\n' > b2.conf
printf 'type A\n  when: coded 9.9\n' > b3.conf
printf '  when: coded 1.1\n' > b4.conf
printf 'type A\ntype B\n  when: coded 1.1\n' > b5.conf
printf 'type A\n  when: ((((((((((((((((((((((((((((((((((coded 1.1))))))))))))))))))))))))))))))))))\n' > b6.conf
printf 'type A\n  when: role="open\n' > b7.conf
for f in b1 b2 b3 b4 b5 b6 b7; do unchanged charter query typology t --rules $f.conf; echo "exit $?"; done
