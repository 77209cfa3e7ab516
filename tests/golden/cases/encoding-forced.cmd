# Declared UTF-8 but not: converted on request.
charter init study.charter >/dev/null
charter ingest --encoding cp1252 fx/formats/bad-notutf8.tei
charter turns bad-notutf8.tei
