# Every transcript format ends in the same model: turns, speakers, roles,
# lines, times.  Detection by content: the .txt that is UTF-16BE without a
# BOM, the VTT without a header, the TSV without a header row.
charter init study.charter >/dev/null
for f in docx-bold.docx docx-typed.docx docx-table.docx docx-tabcol.docx \
         odt-bold.odt odt-table.odt labels.html headings.md zoom.vtt \
         teams-noheader.vtt utf16le-bom.vtt numbered.srt unnumbered-dot.srt \
         nvivo.tsv noheader.tsv interview.tei interview.eaf latin1.trs \
         utf16be-nobom.txt; do
	charter ingest fx/formats/$f || echo "exit $?"
	charter turns --format csv $f
done
charter sources
