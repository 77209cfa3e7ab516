# tools/help2c.awk: cli/help.txt as C initialisers of cli_cmd, one
# {"NAME", "SUMMARY", "TEXT"} per entry, for cli/help.c to include.
function esc(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return s
}
function flush() {
	if (name != "")
		printf "{\"%s\", \"%s\",\n \"%s\"},\n", esc(name), esc(summary), about
	name = ""
}
/^#/ { next }
/^\t/ {
	line = substr($0, 2)
	about = about esc(line) "\\n"
	next
}
/^$/ { next }
{
	flush()
	i = index($0, " -- ")
	if (i == 0) {
		printf "help2c: %s:%d: expected \"NAME -- SUMMARY\"\n", FILENAME, NR > "/dev/stderr"
		exit 1
	}
	name = substr($0, 1, i - 1)
	summary = substr($0, i + 4)
	about = ""
}
END { flush() }
