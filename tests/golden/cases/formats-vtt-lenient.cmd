# WebVTT as caption tools write it: a legacy header line, NOTE and STYLE
# blocks with blank lines inside, Teams' unpadded times (0:9:2.70 is 9 min
# 2.070 s) and negative times, voice tags with only a class, a cue with no
# blank line before it; a broken cue is left out with a warning naming its
# line, and --strict refuses the file instead.
charter init study.charter >/dev/null
charter ingest fx/formats2/teams-messy.vtt
charter turns teams-messy.vtt
charter -p strict.charter init >/dev/null
charter -p strict.charter ingest --strict fx/formats2/teams-messy.vtt; echo "exit $?"
