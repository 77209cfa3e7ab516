study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter chart 1
charter chart 1 --sort district --format text
