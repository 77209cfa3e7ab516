study
charter autocode --dry-run
charter status --format csv | grep '^codings,'
