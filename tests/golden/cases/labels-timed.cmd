# Times beside names: Name (hh:mm:ss) - text, TranscribeMe's S1 00:00:01.717,
# Otter's "Name  0:03" with the words on the next line, and time stamps
# without speakers: the times are the turns', not their words.
charter init study.charter >/dev/null
for f in rev-dash transcribeme transcribeme-named otter otter-group timestamps-only; do
	charter ingest fx/labels/$f.txt
	charter turns $f.txt
done
