# Help for a verb or sub-verb, generated from its option table.
charter chart --help
charter help
charter help query cooccur
charter help cell set
charter help nothing; echo "exit $?"
