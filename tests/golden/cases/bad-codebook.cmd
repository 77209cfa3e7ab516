study
charter autocode >/dev/null
charter review accept --all >/dev/null
unchanged charter codebook import fx/codebook-dup.txt; echo "exit $?"
unchanged charter codebook import fx/codebook-regex.txt; echo "exit $?"
