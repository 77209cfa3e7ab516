# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter query cooccur --within case
charter query cooccur --within 3
charter query cooccur --pairs
