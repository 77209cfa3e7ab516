study
charter autocode >/dev/null
unchanged charter chart 7; echo "exit $?"
