study
charter autocode >/dev/null
charter chart 1.1
