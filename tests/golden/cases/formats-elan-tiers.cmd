# ELAN as fieldworkers leave it: two tiers of one participant are one
# speaker, word tiers under them never turns, a MULTI tier keeps its own
# id, note and noise tiers are left out and listed, and a tier id alone
# ("Interviewer-questions") does not make its participant the interviewer.
charter init study.charter >/dev/null
charter ingest fx/formats2/fieldwork.eaf
charter turns fieldwork.eaf
