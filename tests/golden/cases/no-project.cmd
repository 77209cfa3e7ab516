charter -p nothing.charter status; echo "exit $?"
