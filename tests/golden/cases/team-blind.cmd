# Two coders index blind, compare, discuss and see who did what.
study
charter coder blind
export CHARTER_CODER=ann
charter code add C01 1.1 --lines 5
charter code add C01 1.2 --lines 9-11
charter code add C01 2.1 --lines 15
charter code add C02 1.1 --lines 3
charter cell set C01 1.2 "Adviser was nice and explained the programme L9-11"
export CHARTER_CODER=ben
echo "--- ben sees none of ann's work"
charter chart 1
charter codings
charter code add C01 1.1 --quote "I got a letter from the Jobcentre"
charter code add C01 1.2 --lines 9
charter code add C01 2.2 --lines 15
charter code add C02 1.1 --lines 3
echo "--- ann's cell is not written over"
unchanged charter cell set C01 1.2 "Adviser L9"
echo "rc=$?"
unchanged charter agree ann ben
echo "rc=$?"
charter --as ann codings
charter coder reveal
echo "--- revealed"
charter coders
charter agree ann ben
charter agree ann ben --unit segments --threshold 0.3
charter agree ann ben --unit cases --code 1
charter agree ann ben --disagreements
charter agree ann ben --unit cases --disagreements --format csv
charter agree ann ben --format json --code 1.2 --source c01.txt
echo "--- refused"
charter agree ann
echo "rc=$?"
charter agree ann zed
echo "rc=$?"
charter agree ann ben --threshold 2
echo "rc=$?"
charter --as ann --coder ben codings
echo "rc=$?"
