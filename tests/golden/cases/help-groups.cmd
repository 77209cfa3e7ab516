# Every group verb lists its sub-verbs from cli/help.txt (a sub-verb
# without an entry there would stop charter here).
for v in cases case codebook code cell query; do charter help $v; done
charter help chart summarize | head -3
