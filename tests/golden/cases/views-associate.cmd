# Mapping and interpretation: the range of views on a sub-theme (every
# summary and starred quote, by actor group), and how a sub-theme is held
# across an attribute's values, with the cases behind each count.
study
charter autocode >/dev/null
echo "-- pending suggestions never count"
charter query associate 1.1 actor_group
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter views 1.1
charter views 1 --format csv
charter query associate 1.1 actor_group
charter query associate 1 sex
echo "-- a multi-valued attribute counts each value"
charter query associate 1.2 health --format csv
echo "-- refused"
charter views 7; echo "exit $?"
charter query associate 1.1 shoe_size; echo "exit $?"
