study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter chart 2 --format csv
