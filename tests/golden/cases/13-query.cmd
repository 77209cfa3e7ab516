# Queries on the fixture study: matrix coding, retrieval with operators,
# full-text and regex search in context, co-occurrence, a typology, SQL.
study
charter autocode >/dev/null
charter query matrix --rows '*' --cols actor_group
charter query matrix --rows 1 --cols actor_group --count codings --percent col
charter query matrix --rows '*' --cols actor_group --cell 4,1
charter query retrieve 2.2 AND NOT 2.1 --format csv
charter query retrieve 1.2 --context 1
charter query retrieve 1.1 NEAR/4 2.2
charter query search letter
charter query search '/\?$/' --speaker interviewer --format csv
charter query cooccur --within case
charter query typology outlook C01=worried --case C02=calm
charter query matrix --rows 1 --cols outlook
charter query matrix --rows nothing --cols actor_group; echo "exit $?"
charter query retrieve 1.1 XOR 2.2; echo "exit $?"
charter sql "SELECT \"case\", code, line_start FROM v_coded ORDER BY 1, 2, 3" --format csv
unchanged charter sql "DELETE FROM coding"; echo "exit $?"
charter query cooccur --within 3
printf 'case,group\nC01,a\nC02,b\n' > ty.csv
charter query typology grouping --from-csv ty.csv
charter query matrix --rows 2 --cols grouping --count codings
charter query cooccur --pairs
charter query retrieve 1.1 --show actor_group,sex --format csv
