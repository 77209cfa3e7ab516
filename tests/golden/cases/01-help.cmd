charter --help
charter chart --help
charter frobnicate
charter help
charter help query cooccur
charter help cell set
charter help nothing; echo "exit $?"
charter query cooccur --rows 3 --deep --from-csv x.csv; echo "exit $?"
charter status --bogus; echo "exit $?"
charter cases import; echo "exit $?"
charter query; echo "exit $?"
charter query frob; echo "exit $?"
charter chart --all; echo "exit $?"
charter report --quotes 99 --out x; echo "exit $?"
charter --version | sed 's/[0-9.]*//g'
