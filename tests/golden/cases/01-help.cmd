charter --help
charter chart --help
charter frobnicate
