# Options a verb does not take, missing arguments and sub-verbs: one line
# and a pointer to the help, exit 2.
charter query cooccur --rows 3 --deep --from-csv x.csv; echo "exit $?"
charter status --bogus; echo "exit $?"
charter cases import; echo "exit $?"
charter query; echo "exit $?"
charter query frob; echo "exit $?"
charter chart --all; echo "exit $?"
charter report --quotes 99 --out x; echo "exit $?"
