# Two coders chart in their own copies; one merges the other's in.
study
cp study.charter ann.charter
cp study.charter ben.charter
export CHARTER_CODER=ann
charter -p ann.charter code add C01 1.1 --lines 5 >/dev/null
charter -p ann.charter code add C01 1.2 --lines 9-11 >/dev/null
charter -p ann.charter cell set C01 1.2 "Adviser nice and explained the programme L9-11"
charter -p ann.charter memo add --case C01 --kind analytic "Letters worried her" >/dev/null
export CHARTER_CODER=ben
charter -p ben.charter code add C01 1.1 --lines 5 >/dev/null
charter -p ben.charter code add C02 1.1 --lines 3 >/dev/null
charter -p ben.charter cell set C01 1.2 "The adviser explained L9" 2>/dev/null
charter -p ben.charter cell set C02 1.1 "Letter about a medical L3"
charter -p ben.charter codebook rename 1.2 "Adviser contact" >/dev/null
charter -p ben.charter codebook add 2.3 Sanctions >/dev/null
charter -p ben.charter code add C02 2.3 --lines 3 >/dev/null
charter -p ben.charter source rename g1.txt group-discussion.txt >/dev/null
export CHARTER_CODER=ann
echo "--- dry run"
before=$(sha256sum ann.charter)
charter -p ann.charter merge --dry-run ben.charter
[ "$before" = "$(sha256sum ann.charter)" ] && echo "ann.charter unchanged"
echo "--- merge"
charter -p ann.charter merge ben.charter
echo "--- again: nothing more"
charter -p ann.charter merge ben.charter 2>/dev/null
charter -p ann.charter coders
charter -p ann.charter cell conflicts
charter -p ann.charter chart check 1
charter -p ann.charter cell resolve C01 1.2 --text "Adviser nice; explained the programme L9-11"
charter -p ann.charter cell resolve C01 1.2 --keep
echo "rc=$?"
charter -p ann.charter chart 1
charter -p ann.charter log --carried
charter -p ann.charter agree ann ben --unit cases
echo "--- undo the merge"
charter -p ann.charter undo
charter -p ann.charter undo
charter -p ann.charter coders
echo "--- refused"
charter -p ann.charter merge ann.charter
echo "rc=$?"
echo "junk" > junk.charter
charter -p ann.charter merge junk.charter
echo "rc=$?"
charter -p ann.charter merge missing.charter
echo "rc=$?"
