# A REFI-QDA codebook back from another tool: the difference matched by
# GUID (a code renamed there, one removed), applied only with --apply.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter codebook export --format qdc > cb.qdc
sed -e 's/name="1.1 Letters"/name="1.1 Letters and forms"/' -e '/name="1.2 Advisers"/d' cb.qdc > back.qdc
unchanged charter codebook import back.qdc
charter codebook import --apply back.qdc
charter codebook list | cut -c1-48
charter codebook changes --format csv | cut -d, -f3-
