# The demo study's report, as make demo writes it, held to what a report
# writer needs: every prevalence sentence names its base, no quote names a
# person, provider or place the study lists, the report rests on memos
# throughout (no placeholder), and report check lists only the cells still
# to summarise.
charter init study.charter >/dev/null
charter cases import "$STUDY_DIR/cases.csv" >/dev/null
single="" multi="" auto=""
for f in "$STUDY_DIR"/*.txt; do
	id=$(basename "$f" .txt)
	case $id in adv-*|pfs-*|pm-c) multi="$multi $f";;
	*) if grep -q '^Speaker 1 (' "$f"; then auto="$auto $f"; else single="$single $f"; fi;;
	esac
done
charter ingest $single >/dev/null
charter ingest --interviewer "Speaker 1" $auto >/dev/null
charter ingest --group $multi >/dev/null
charter codebook import "$CODEBOOK" >/dev/null
charter autocode >/dev/null
tail -n +2 "$STUDY_DIR/review.csv" | while IFS=, read -r what src code line why; do
	charter review "$what" --source "$src" --code "$code" --line "$line" >/dev/null
done
charter review accept --all >/dev/null
tail -n +2 "$STUDY_DIR/codings.csv" | tr -d '\r' | while IFS=, read -r cs code lines; do
	charter code add "$cs" "$code" --lines "$lines" >/dev/null || echo "not coded: $cs $code $lines"
done
charter cell import "$STUDY_DIR/summaries.csv"
charter memo import "$STUDY_DIR/memos.csv"
charter query typology outlook --rules "$STUDY_DIR/typology.conf" | tail -2
charter report --out rep --names "$STUDY_DIR/names.csv" --redact "$STUDY_DIR/redact.list" \
	--tables "$STUDY_DIR/tables.conf" --label "{role}, {sex}, {age_band}" \
	--table "outlook:participants=Clients' outlooks on work (the typology)"
echo "-- prevalence sentences without a base in words"
grep 'raised this\.' rep/report.md | grep -v ' of the \| all \|^All \|Both \|both \|the only \|The only ' || echo "none"
echo "-- quotes naming a listed person, provider or place"
grep -v '^#\|^$' "$STUDY_DIR/redact.list" | sed 's/^[a-z]*: //' > listed
grep '^> ' rep/report.md | grep -F -w -f listed || echo "none"
echo "-- quotes that name a person (shown as [name]), and starred ones naming a provider or place (redacted)"
grep '^> ' rep/report.md | grep -c '\\\[name\\\]'
grep '^> ' rep/report.md | grep -c '\\\[provider\\\]\|\\\[place\\\]'
echo "-- case ids (they carry the district) shown in the report's text"
cut -d, -f1 "$STUDY_DIR/cases.csv" | tail -n +2 | tr -d '\r' > ids
shown=$(sed 's/([^)]*)//g' rep/report.md | grep -o -w -F -f ids | sort | uniq -c)
echo "${shown:-none}"
echo "-- the typology's table, then its description memo (not a conclusion)"
sed -n '/^\*\*Table A.6/,/^### A.2/p' rep/report.md | grep -o '^| Thinking about work | [0-9]* |\|^Clients met the provider with one of three outlooks'
grep -c '^#.*Typology' rep/report.md
echo "-- placeholders"
grep -c 'To write' rep/report.md
echo "-- what report check still lists"
charter report check --label "{role}, {sex}, {age_band}" --redact "$STUDY_DIR/redact.list" --format csv | cut -d, -f1 | tail -n +2 | sort | uniq -c
echo "-- report check: nothing missing, and the charts have no problem left"
charter report check --label "{role}, {sex}, {age_band}" --redact "$STUDY_DIR/redact.list"; echo "exit $?"
charter chart check; echo "exit $?"
