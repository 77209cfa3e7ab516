# --strict refuses a file charter had to guess about, naming the file and
# the reason, and stores nothing of the run.
charter init study.charter >/dev/null
charter ingest --strict fx/labels/panel-degrees.txt fx/labels/prose-notlabels.txt; echo "exit $?"
charter sources
charter ingest --strict fx/labels/panel-degrees.txt; echo "exit $?"
