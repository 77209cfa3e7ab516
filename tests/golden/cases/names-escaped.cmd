# Terminal escape sequences and line breaks in file names are shown
# escaped, never sent to the terminal raw (in messages and in tables).
charter init study.charter >/dev/null
f=$(printf 'evil\033[2J\nname.txt')
printf 'INTERVIEWER: Hi?\n\nRESPONDENT: Yes.\n' > "$f"
charter ingest "$f"
charter sources
charter ingest "$(printf 'gone\033]0;title\007.txt')"
echo "exit $?"
