# The content decides before the extension: CHAT, RTF, TextGrid, JSON and
# PDF given as .txt are read as what they are; a Word 97-2003 file, a
# recording and JSON of no transcript are refused with what they are.
charter init study.charter >/dev/null
cp fx/formats2/session.cha chat.txt; cp fx/formats2/interview.rtf rtf.txt
cp fx/formats2/session-long.TextGrid grid.txt; cp fx/formats2/whisperx.json asr.txt
cp fx/formats2/interview.pdf pdf.txt
charter ingest chat.txt rtf.txt grid.txt asr.txt pdf.txt 2>/dev/null
charter ingest fx/formats2/old-word.doc; echo "exit $?"
charter ingest fx/formats2/recording.mp3; echo "exit $?"
printf '{"name": "study", "version": 2}\n' > config.json
charter ingest config.json; echo "exit $?"
printf '{"segments": [{"text": "hi"}]}\n' > bad.json
charter ingest bad.json; echo "exit $?"
printf '{"segments": [\n  {"start": 0, "text": "hi"},\n' > cut.json
charter ingest cut.json; echo "exit $?"
printf '{\\rtf1 {\\b Interviewer:} hello\n' > cut.rtf
charter ingest cut.rtf; echo "exit $?"
head -c 600 fx/formats2/interview.pdf > cut.pdf
charter ingest cut.pdf; echo "exit $?"
charter sources --format csv | cut -d, -f1,3,4
