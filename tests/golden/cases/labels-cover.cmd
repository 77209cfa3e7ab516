# A cover sheet (Interviewer: Name, Narrator:, Date:, Place:) is the
# source's details, not speakers.
charter init study.charter >/dev/null
charter ingest fx/labels/cover-sheet.txt
charter turns cover-sheet.txt
charter sources --format csv
charter ingest fx/labels/cover-history.txt
charter turns cover-history.txt
charter sql "SELECT source, detail, value FROM v_source_details WHERE source='cover-history.txt'" --format csv
charter sql "SELECT source, speaker, role, turns FROM v_speakers ORDER BY source, speaker" --format csv
