# CHAT (main tiers, @Participants roles, media bullets as times, dependent
# tiers left out), Praat TextGrid (long form; short form in UTF-16 with a
# point tier left out), WhisperX JSON with diarised speakers and plain
# Whisper without.
charter init study.charter >/dev/null
for f in session.cha session-long.TextGrid short-utf16.TextGrid whisperx.json whisper-plain.json; do
	charter ingest fx/formats2/$f
	charter turns $f
done
