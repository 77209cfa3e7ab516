# Each coder's own undo and redo, while another coder changes the project
# too (what the workbench's buttons do).
study
charter --coder ana code add C01 1.1 --lines 5
charter --coder ana code add C01 1.2 --lines 9
charter --coder bo code add C02 1.1 --lines 3
charter --coder ana undo --mine
charter --coder ana undo --mine
charter codings --format csv | cut -d, -f1-4
charter --coder ana redo
charter --coder ana redo
echo "-- nothing more to redo; bo's undo is bo's"
unchanged charter --coder ana redo
charter --coder bo undo --mine
unchanged charter --coder bo undo --mine --only
unchanged charter undo --mine 3
charter log --last 6 --format csv | cut -d, -f1,3-5
