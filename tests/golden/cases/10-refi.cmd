# REFI-QDA: the real exports of NVivo, ATLAS.ti and Taguette import, with
# what was dropped listed; charter's own export imports back matched by GUID.
cp -r "$REFI_DIR" refi
for f in nvivo-win-12.6_oltas0517.qdpx atlasti-mac-8.4_standard-project.qde \
         atlasti-win-23.4_codebook.from-requal-test.qdc \
         taguette_codebook.reconstructed-from-tests.qdc; do
	rm -f imp.charter
	charter import refi/samples/$f --into imp.charter; echo "exit $?"
	charter -p imp.charter status --format csv | grep -E '^(sources|cases|sub-themes|themes|codings|memos),'
done
charter -p imp.charter codebook list --format csv
# the first codings of the NVivo sample, with their text
rm -f nv.charter
charter import refi/samples/nvivo-win-12.6_oltas0517.qdpx --into nv.charter >/dev/null
charter -p nv.charter codings --format csv | head -6
# hostile and wrong files change nothing
study
for f in slip.qdpx xxe.qde notrefi.qde; do
	unchanged charter import refi/fixtures/$f; echo "exit $?"
done
# charter to charter: export, import into a new project, export again
charter autocode >/dev/null
charter cell import fx/summaries.csv >/dev/null 2>&1
charter export out.qdpx
charter codebook export --format qdc | sed 's/guid="[^"]*"/guid="G"/' | head -8
charter import out.qdpx --into back.charter
charter import out.qdpx --into back.charter
charter -p back.charter chart 1 --format csv
