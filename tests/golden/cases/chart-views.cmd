# Views: a sub-theme down the clients, with an attribute column.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter chart 1 --where actor_group=client --show sex --code 1.1 --format csv
charter chart 1 --code 9.9; echo "exit $?"
charter chart 1 --where nonsense; echo "exit $?"
