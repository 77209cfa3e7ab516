# charter to charter: export, import into a new project (twice: matched by
# GUID), and the chart comes back.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter export out.qdpx
charter codebook export --format qdc | sed 's/guid="[^"]*"/guid="G"/' | head -8
charter import out.qdpx --into back.charter
charter import out.qdpx --into back.charter
charter -p back.charter chart 1 --format csv
