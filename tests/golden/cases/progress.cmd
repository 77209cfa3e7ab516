# Long work says how far it has gone on a terminal (forced here with
# CHARTER_PROGRESS=1), and nothing into a file or a pipe.
study
CHARTER_PROGRESS=1 charter autocode 2>&1 >/dev/null | tr '\r' '\n' | sed 's/\x1b\[K//; s/, [0-9.]*\/s.*//' | grep . | tail -1
charter review accept --all >/dev/null
CHARTER_PROGRESS=1 charter export out.qdpx 2>&1 >/dev/null | tr '\r' '\n' | sed 's/\x1b\[K//; s/, [0-9.]*\/s.*//' | grep . | tail -1
echo "-- not a terminal: nothing"
charter autocode 2>&1 >/dev/null | wc -c
