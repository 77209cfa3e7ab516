# Two label styles used about as often: the file's style is the one used
# most, the other lines stay speech, and ingest says so.
charter init study.charter >/dev/null
charter ingest fx/labels/mixed-styles.txt
charter turns mixed-styles.txt
