# A pipe, a device or a socket is refused before the project is locked:
# nothing waits for a writer to the FIFO, nothing is stored.
study
mkfifo pipe
unchanged charter ingest pipe
unchanged charter codebook import pipe
unchanged charter cases import pipe
unchanged charter cell import pipe
unchanged charter import pipe
unchanged charter ingest /dev/null

unchanged charter ingest fx/c01.txt pipe
echo "exit $?"
