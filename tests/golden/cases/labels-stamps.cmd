# A time-stamp line before a label ([DD:HH:MM:SS] too) is that turn's time,
# not the end of the turn before; page and tape markers and an editor's
# note are nobody's words, and the speaker goes on after them.
charter init study.charter >/dev/null
charter ingest fx/labels/oral-history-stamps.txt
charter turns oral-history-stamps.txt
