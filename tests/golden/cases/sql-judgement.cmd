# The views of review statuses, memos, the history and the framework's
# changes, read with plain column names.
study
charter autocode >/dev/null
charter review accept --code 1.1 >/dev/null
charter review reject --code 1.2 >/dev/null
charter codebook add 2.3 Money >/dev/null
charter memo add --kind analytic --theme 1 --group client "Letters alarm" >/dev/null
charter sql "SELECT code, rule, sum(status = 'confirmed') AS accepted, sum(status = 'rejected') AS rejected, sum(status = 'suggested') AS pending FROM v_review GROUP BY code, rule ORDER BY code" --format csv
charter sql "SELECT code, codings, suggested FROM v_codebook ORDER BY code" --format csv
charter sql "SELECT kind, target, code, actor_group, text, author FROM v_memos" --format csv
charter sql "SELECT entry, coder, verb, args, changes, undone_by FROM v_history ORDER BY entry" --format csv
charter sql "SELECT action, code, detail, codings_then FROM v_framework_changes ORDER BY change" --format csv
charter sql "SELECT coder, codings, reviewed FROM v_coders ORDER BY coder" --format csv
