study
charter autocode
charter codings --code 1.1
charter codebook list
charter status --format json
