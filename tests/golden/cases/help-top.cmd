# The top-level help, the version, and an unknown verb.
charter --help
charter frobnicate
charter --version | sed 's/[0-9.]*//g'
