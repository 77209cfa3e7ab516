study
charter autocode >/dev/null
charter chart 2 --format csv
