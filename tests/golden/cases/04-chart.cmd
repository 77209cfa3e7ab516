study
charter autocode >/dev/null
charter chart 1
charter chart 2 --format csv
charter chart 1 --sort district --format text
charter chart 1.1
