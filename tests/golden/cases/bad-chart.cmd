study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter chart 7; echo "exit $?"
