# Names with full stops, commas and degrees, with parentheses, and hyphen
# labels: the speaker is the name, without the punctuation that ends it; a
# chair is the one who asks.
charter init study.charter >/dev/null
for f in panel-degrees council-parens teachers-hyphen; do
	charter ingest fx/labels/$f.txt
	charter turns $f.txt
done
