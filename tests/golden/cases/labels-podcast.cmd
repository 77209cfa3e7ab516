# A podcast in Markdown: escapes (\[laughs\], \[00:04:01\]) are taken out,
# times after a label are the turn's, and Jingle, Break: and [Music] lines
# are nobody's.
charter init study.charter >/dev/null
charter ingest fx/labels/podcast.md
charter turns podcast.md
