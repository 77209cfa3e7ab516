# A code's guidance and rules changed from the command line (as the
# workbench's codebook panel does); a rule is checked before it is kept.
study
charter codebook define 1.1 --definition "Letters from the Jobcentre" --use "Any letter" --not "Phone calls (use 1.2)"
charter sql "SELECT code, definition, use_when, not_when FROM v_codebook WHERE code='1.1'"
charter codebook rule 1.1 '/\bbrown envelope\b/i scope=sentence speaker=respondent'
charter autocode --explain --format csv | grep envelope
echo "-- refused, nothing changed"
unchanged charter codebook rule 1.1 '/(unclosed/'
unchanged charter codebook rule 1.1 'no slashes'
unchanged charter codebook rule 9.9 '/x/'
unchanged charter codebook rule --remove 999
unchanged charter codebook define 1.1 --colour red
unchanged charter codebook define 1.1
unchanged charter codebook define 7.7 --use x
echo "-- removed, and the log says all of it"
charter codebook rule --remove 5
charter codebook changes --format csv | cut -d, -f3-
