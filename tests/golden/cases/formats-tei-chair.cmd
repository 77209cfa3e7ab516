# TEI as parliaments and archives publish it: synch pointers to the
# timeline give times, the chair (role="chair") is the one who asks, and
# names marked up in parts read forename first.
charter init study.charter >/dev/null
charter ingest fx/formats2/committee.tei
charter turns committee.tei
