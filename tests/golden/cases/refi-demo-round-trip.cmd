# The demo study exported to REFI-QDA and read back into an empty
# project: every table the format carries compared, row by row.
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
charter review reject --source cl15.txt --code 1.5 --line 6 >/dev/null
charter review accept --code 1 --coder ann >/dev/null
charter review accept --all --coder ben >/dev/null
charter review reset --code 9.3 >/dev/null
charter cell import "$STUDY_DIR/summaries.csv" 2>/dev/null >/dev/null
charter chart summarise 3 >/dev/null
charter code add CL01 2.1 --turn 3 --coder ann >/dev/null
charter code add CL01 2.1 --turn 3 --coder ben >/dev/null
charter memo add --kind analytic --theme 4 --group "Jobcentre Plus and DWP staff" "Advisers see the programme as voluntary" >/dev/null
charter memo add --source cl01.txt --lines 5-6 "Hesitant here" >/dev/null
charter memo add --case CL02 --code 2.1 "Cell memo" >/dev/null
charter export demo.qdpx
charter init back.charter >/dev/null
charter -p back.charter import demo.qdpx
same() {
	a=$(charter sql "$2" --format csv | sha256sum)
	b=$(charter -p back.charter sql "$2" --format csv | sha256sum)
	n=$(charter sql "SELECT count(*) FROM ($2)" --format csv | tail -1)
	[ "$a" = "$b" ] && echo "$1: the same ($n rows)" || echo "$1: DIFFERS"
}
# (a source's SHA-256 is of the file read: after a round trip, of its text)
same sources "SELECT guid, name, text, chars, lines, format FROM source ORDER BY guid"
same turns "SELECT s.guid, u.seq, coalesce(sp.label, ''), sp.role, u.start, u.\"end\", u.line_start, u.line_end FROM utterance u JOIN source s ON s.id = u.source_id LEFT JOIN speaker sp ON sp.id = u.speaker_id ORDER BY 1, 2"
same codes "SELECT guid, number, name, coalesce(definition, ''), coalesce(use_when, ''), coalesce(not_when, ''), coalesce(example, ''), coalesce(color, '') FROM code ORDER BY guid"
same rules "SELECT k.guid, r.pattern, r.flags, r.scope, r.speaker_role FROM rule r JOIN code k ON k.id = r.code_id ORDER BY 1, 2"
same cases "SELECT guid, name, is_group FROM \"case\" ORDER BY guid"
same values "SELECT c.guid, a.name, v.value FROM case_value v JOIN \"case\" c ON c.id = v.case_id JOIN attribute a ON a.id = v.attribute_id ORDER BY 1, 2"
same case-sources "SELECT c.guid, s.guid, x.by_speaker FROM case_source x JOIN \"case\" c ON c.id = x.case_id JOIN source s ON s.id = x.source_id ORDER BY 1, 2"
same coders "SELECT guid, name FROM coder ORDER BY guid"
same codings "SELECT g.guid, k.guid, s.guid, g.start, g.\"end\", g.line_start, g.line_end, g.origin, g.status, coalesce(w.name, ''), coalesce(v.name, ''), coalesce(r.pattern, '') FROM coding g JOIN code k ON k.id = g.code_id JOIN source s ON s.id = g.source_id LEFT JOIN coder w ON w.id = g.coder_id LEFT JOIN coder v ON v.id = g.reviewer_id LEFT JOIN rule r ON r.id = g.rule_id ORDER BY g.guid"
same cells "SELECT c.guid, k.guid, l.summary, coalesce(l.agreement, ''), l.draft, coalesce(w.name, '') FROM cell l JOIN \"case\" c ON c.id = l.case_id JOIN code k ON k.id = l.code_id LEFT JOIN coder w ON w.id = l.coder_id ORDER BY 1, 2"
same cell-references "SELECT c.guid, k.guid, s.guid, f.line_start, f.line_end, f.quote FROM cell_ref f JOIN cell l ON l.id = f.cell_id JOIN \"case\" c ON c.id = l.case_id JOIN code k ON k.id = l.code_id JOIN source s ON s.id = f.source_id ORDER BY 1, 2, 3, 4"
same memos "SELECT m.guid, m.kind, m.target, coalesce(s.guid, ''), coalesce(m.start, -1), coalesce(m.\"end\", -1), coalesce(c.guid, ''), coalesce(k.guid, ''), coalesce(m.grp, ''), m.text FROM memo m LEFT JOIN source s ON s.id = m.source_id LEFT JOIN \"case\" c ON c.id = m.case_id LEFT JOIN code k ON k.id = m.code_id ORDER BY m.guid"
same settings "SELECT key, value FROM setting WHERE key IN ('codebook_title', 'group_by') ORDER BY 1"
