study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter code add NOBODY --lines 1-2 1.1; echo "exit $?"
unchanged charter code add C01 --lines 1-99 1.1; echo "exit $?"
unchanged charter code add C01 --lines x 1.1; echo "exit $?"
