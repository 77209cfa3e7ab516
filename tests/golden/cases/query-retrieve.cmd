# Queries on the fixture study.
study
charter autocode >/dev/null
charter review accept --all >/dev/null
charter query retrieve 2.2 AND NOT 2.1 --format csv
charter query retrieve 1.2 --context 1
charter query retrieve 1.1 NEAR/4 2.2
charter query retrieve 1.1 XOR 2.2; echo "exit $?"
charter query retrieve 1.1 --show actor_group,sex --format csv
