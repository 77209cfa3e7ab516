# A pattern that backtracks without end stops at PCRE2's match limit:
# search and autocode say so with the transcript and line, never "no
# hits" or a silent abort.
charter init study.charter >/dev/null
printf 'INTERVIEWER: And then?\n\nRESPONDENT: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' > t.txt
charter ingest t.txt >/dev/null
charter query search '/(a|aa)+$/'
echo "search: exit $?"
printf '1 Theme\n1.1 Runaway\n  rule: /(a|aa)+$/\n' > cb.txt
charter codebook import cb.txt >/dev/null
unchanged charter autocode
echo "autocode: exit $?"
