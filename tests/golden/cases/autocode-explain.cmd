study
charter autocode --explain
charter autocode --explain --engine hyperscan --format csv
charter autocode --dry-run --engine hyperscan | tail -1
charter autocode --dry-run --engine pcre2 | tail -1
charter autocode --explain --engine foo
