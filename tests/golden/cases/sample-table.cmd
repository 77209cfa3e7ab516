# Sample tables from the case sheet.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter cell import fx/summaries.csv >/dev/null
charter table health
charter table actor_group --count participants --format md
charter table sex district --order name
charter table shoe_size
charter table sex --count people
