# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter query matrix --rows '*' --cols actor_group
charter query matrix --rows 1 --cols actor_group --count codings --percent col
charter query matrix --rows '*' --cols actor_group --cell 4,1
charter query matrix --rows nothing --cols actor_group; echo "exit $?"
