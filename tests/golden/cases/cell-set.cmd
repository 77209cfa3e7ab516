study
charter autocode >/dev/null
charter review accept --all >/dev/null
# Summaries by hand and from a sheet, with line references.
charter code add C01 --lines 7-7 2.2 >/dev/null
charter cell set C01 2.1 "Starting part-time work in July (L15*)"
charter cell set C01 2.2 "Provider rang on her behalf (L9); see L3"
charter cell import fx/summaries.csv
charter cell show G1 1.1
charter chart 2
charter chart 1 --refs --format csv
