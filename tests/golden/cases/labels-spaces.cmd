# Labels followed by a no-break or other Unicode space, and reporters' Q
# with a no-break space, are speakers like any other.
charter init study.charter >/dev/null
for f in briefing-nbsp nbsp-interview zoom-nbsp; do
	charter ingest fx/labels/$f.txt
	charter turns $f.txt
done
