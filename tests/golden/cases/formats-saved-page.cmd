# An interview saved from a website: the navigation, share links, related
# links and footer are not transcript; the main content is found (the
# <article> or <main>, else the block whose paragraphs hold most text).
charter init study.charter >/dev/null
for f in saved-article saved-divs; do
	charter ingest fx/formats2/$f.html
	charter turns $f.html | head -5
done
