# Hand codings changed: widened to sentences, a code taken off a span
# (removed, trimmed, split), moved, removed by lines; search codes the
# hit's sentence, finds prefixes by their letters and phrases whole.
study
charter code add C01 2.1 --quote "in July" --sentence
charter code add C01 2.2 --lines 15
charter uncode C01 2.2 --quote "helped with my CV."
charter codings --case C01 --code 2.2 --format csv
charter uncode C01 2.2 --lines 15
charter codings --case C01 --code 2.2 --format csv
charter code move 1 2.2
charter code remove C01 2.2 --lines 14-16
echo "-- refused"
unchanged charter code remove C01 2.2 --lines 14-16
unchanged charter code move 99 2.2
unchanged charter code move 1 2
unchanged charter uncode C01 2.2 --quote "not in the text"
echo "-- search: prefix, phrase, and --code coding the sentence"
charter query search 'frighten*'
charter query search '"too harsh"'
charter query search 'worr*' --code 1.1
charter codings --code 1.1 --format csv
