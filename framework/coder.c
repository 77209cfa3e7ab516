/*
 * coder.c: the coders: who a writing verb records, and what each did.
 */
#include "store.h"

#include "fw/coder.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

const char *fw_coder_name(const char *name)
{
	if (!name || !*name)
		name = getenv("CHARTER_CODER");
	if (!name || !*name)
		name = getenv("USER");
	if (!name || !*name) {
		struct passwd *pw = getpwuid(geteuid());
		name = pw ? pw->pw_name : NULL;
	}
	return name && *name ? name : "researcher";
}

long long fw_coder_id(fw_project *p, const char *name, fw_error *err)
{
	name = fw_coder_name(name);
	long long id = fw_lookup_id(p, FW_Q_CODER_ID, name);
	if (!id && fw_store_coder(&id, p, NULL, name, err))
		return 0;
	return id;
}

int fw_coders_list(fw_table **out, fw_project *p, fw_error *err)
{
	static const char *const cols[] = {"coder",    "codings",  "by_hand",
					   "accepted", "rejected", "suggested",
					   "cells",    "memos",    "verbs"};
	int rc = fw_table_query(
		out, p, err, cols, 9,
		"WITH who(name) AS (SELECT name FROM coder UNION "
		"SELECT coder FROM history) "
		"SELECT who.name, "
		"(SELECT count(*) FROM coding g WHERE g.status = 'confirmed' "
		"AND ((g.origin = 'manual' AND g.coder_id = w.id) OR "
		"(g.origin = 'rule' AND g.reviewer_id = w.id))), "
		"(SELECT count(*) FROM coding g WHERE g.coder_id = w.id AND "
		"g.origin = 'manual'), "
		"(SELECT count(*) FROM coding g WHERE g.reviewer_id = w.id AND "
		"g.origin = 'rule' AND g.status = 'confirmed'), "
		"(SELECT count(*) FROM coding g WHERE g.reviewer_id = w.id AND "
		"g.status = 'rejected'), "
		"(SELECT count(*) FROM coding g WHERE g.coder_id = w.id AND "
		"g.status = 'suggested'), "
		"(SELECT count(*) FROM cell l WHERE l.coder_id = w.id), "
		"(SELECT count(*) FROM memo m WHERE m.coder_id = w.id), "
		"(SELECT count(*) FROM history h WHERE h.coder = who.name) "
		"FROM who LEFT JOIN coder w ON w.name = who.name "
		"ORDER BY who.name",
		"");
	if (!rc)
		for (size_t c = 1; c < 9; c++)
			fw_table_numeric(*out, c);
	return rc;
}

int fw_coders_blind(fw_project *p, int on, fw_error *err)
{
	return fw_setting_set(p, "blind", on ? "on" : "off", err);
}
