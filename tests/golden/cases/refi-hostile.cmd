# Hostile and wrong REFI files change nothing.
cp -r "$REFI_DIR" refi
study
for f in slip.qdpx xxe.qde notrefi.qde; do
	unchanged charter import refi/fixtures/$f; echo "exit $?"
done
