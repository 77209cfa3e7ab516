#!/bin/sh
# tools/web2c.sh FILE...: the workbench's files (serve/web/) as C arrays
# and a table of them by path, for serve/assets.c to include.
set -eu
n=0
for f; do
	n=$((n + 1))
	printf 'static const unsigned char web_%d[] = {\n' "$n"
	od -An -v -tx1 "$f" | sed -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'
	printf '};\n'
done
printf 'static const sv_asset web[] = {\n'
n=0
for f; do
	n=$((n + 1))
	case $f in
	*.html) t="text/html; charset=utf-8" ;;
	*.js) t="text/javascript; charset=utf-8" ;;
	*.css) t="text/css; charset=utf-8" ;;
	*.svg) t="image/svg+xml" ;;
	*) t="application/octet-stream" ;;
	esac
	printf '\t{"/%s", "%s", web_%d, sizeof web_%d},\n' "$(basename "$f")" "$t" "$n" "$n"
done
printf '\t{NULL, NULL, NULL, 0}};\n'
