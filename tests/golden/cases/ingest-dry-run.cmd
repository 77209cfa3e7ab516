# --dry-run shows what each file would be read as (format, label style,
# details, speakers with their roles, turns and first words) and stores
# nothing; no project is needed.
charter ingest --dry-run fx/labels/cover-sheet.txt fx/labels/otter.txt fx/labels/prose-notlabels.txt
ls study.charter 2>/dev/null || echo "no project made"
