# The first codings of the NVivo sample, with their text.
cp -r "$REFI_DIR" refi
charter import refi/samples/nvivo-win-12.6_oltas0517.qdpx --into nv.charter >/dev/null
charter -p nv.charter codings --format csv | head -6
