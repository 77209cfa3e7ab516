# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter query search letter
charter query search '/\?$/' --speaker interviewer --format csv
