# The demo study end to end, as make demo runs it: its charts are golden.
charter init study.charter >/dev/null
charter cases import "$STUDY_DIR/cases.csv" >/dev/null
single="" multi="" auto=""
for f in "$STUDY_DIR"/*.txt; do
	id=$(basename "$f" .txt)
	case $id in adv-*|pfs-*|pm-c) multi="$multi $f";;
	*) if grep -q '^Speaker 1 (' "$f"; then auto="$auto $f"; else single="$single $f"; fi;;
	esac
done
charter ingest $single | tail -1
charter ingest --interviewer "Speaker 1" $auto | tail -1
charter ingest --group $multi | tail -1
charter codebook import "$CODEBOOK"
charter autocode | tail -1
charter review reject --source cl15.txt --code 1.5 --line 6
charter review accept --all
charter cell import "$STUDY_DIR/summaries.csv" 2>/dev/null
charter status --format csv
charter chart 8 --format csv
charter chart 4 --where actor_group="Jobcentre Plus and DWP staff" --format csv
charter chart 9 --code 9.4 --where actor_group="Incapacity benefits recipients" --format csv
charter case show CL13 --format csv
charter chart check 9 --format csv | head -12
