# The real REFI-QDA exports of NVivo, ATLAS.ti and Taguette import, with
# what was dropped listed.
cp -r "$REFI_DIR" refi
for f in nvivo-win-12.6_oltas0517.qdpx atlasti-mac-8.4_standard-project.qde \
         atlasti-win-23.4_codebook.from-requal-test.qdc \
         taguette_codebook.reconstructed-from-tests.qdc; do
	rm -f imp.charter
	charter import refi/samples/$f --into imp.charter; echo "exit $?"
	charter -p imp.charter status --format csv | grep -E '^(sources|cases|sub-themes|themes|codings|memos),'
done
charter -p imp.charter codebook list --format csv
