/*
 * users.c: a team's workbench: the users file (a line per user, NAME:HASH,
 * the hash libsodium's crypto_pwhash_str, Argon2id), signing in and out,
 * and the sessions signed in (each with its own CSRF token).  Sessions
 * live in memory: a restarted server signs everyone out.
 */
#include "sv.h"
#include "fileio.h"
#include "utf8.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A session unused this long has ended (seconds). */
enum { IDLE = 12 * 3600, MAX_SESSIONS = 1000 };

int sv_users_load(sv_app *a, const char *path, fw_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc = fw_file_read(&data, &len, path, 1 << 20, err);
	if (rc)
		return rc;
	int line = 0;
	for (char *s = data, *next; s && *s && !rc; s = next) {
		line++;
		next = strchr(s, '\n');
		if (next)
			*next++ = 0;
		size_t n = strlen(s);
		if (n && s[n - 1] == '\r')
			s[--n] = 0;
		if (!n || *s == '#')
			continue;
		char *colon = strchr(s, ':');
		if (!colon || colon == s || colon - s > 64 ||
		    strncmp(colon + 1, "$argon2", 7) ||
		    !fw_utf8_valid(s, n, NULL)) {
			rc = fw_error_set(err, FW_EPARSE, path, line,
					  "not NAME:HASH (charter serve "
					  "--add-user NAME makes the line)");
			break;
		}
		*colon = 0;
		for (size_t i = 0; i < a->nusers; i++)
			if (!strcmp(a->users[i], s))
				rc = fw_error_set(err, FW_EPARSE, path, line,
						  "user '%s' is there twice",
						  s);
		a->users = fw_xpush(a->users, a->nusers, sizeof *a->users);
		a->hashes = fw_xpush(a->hashes, a->nusers, sizeof *a->hashes);
		a->users[a->nusers] = fw_xstrdup(s);
		a->hashes[a->nusers++] = fw_xstrdup(colon + 1);
	}
	free(data);
	if (!rc && !a->nusers)
		rc = fw_error_set(err, FW_EPARSE, path, 0, "no users");
	return rc;
}

int sv_user_line(fw_buf *out, const char *name, const char *password,
		 fw_error *err)
{
	if (sodium_init() < 0)
		return fw_error_set(err, FW_ERROR, NULL, 0,
				    "libsodium cannot start");
	size_t n = strlen(name);
	if (!n || n > 64 || strchr(name, ':') || strchr(name, '\n') ||
	    !fw_utf8_valid(name, n, NULL))
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a user's name is up to 64 characters, "
				    "without ':'");
	if (strlen(password) < 8)
		return fw_error_set(err, FW_EINVAL, NULL, 0,
				    "a password has 8 characters or more");
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, strlen(password),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return fw_error_set(err, FW_ELIMIT, NULL, 0,
				    "not memory enough to hash the password");
	fw_buf_printf(out, "%s:%s\n", name, hash);
	return 0;
}

static void drop_idle(sv_app *a, long long now)
{
	size_t k = 0;
	for (size_t i = 0; i < a->nsessions; i++) {
		if (now - a->sessions[i].last > IDLE) {
			free(a->sessions[i].user);
			continue;
		}
		a->sessions[k++] = a->sessions[i];
	}
	a->nsessions = k;
}

sv_session *sv_session_find(sv_app *a, const char *cookie)
{
	long long now = (long long)time(NULL);
	drop_idle(a, now);
	for (size_t i = 0; i < a->nsessions; i++)
		if (strlen(cookie) == 64 &&
		    !sodium_memcmp(a->sessions[i].id, cookie, 64)) {
			a->sessions[i].last = now;
			return &a->sessions[i];
		}
	return NULL;
}

void sv_sessions_free(sv_app *a)
{
	for (size_t i = 0; i < a->nsessions; i++)
		free(a->sessions[i].user);
	free(a->sessions);
	a->sessions = NULL;
	a->nsessions = 0;
}

/* {user, password}: a session, as a cookie; a wrong name or password is
 * one answer, so that it does not tell which. */
void sv_login(sv_ctx *x)
{
	sv_app *a = x->app;
	const char *user = sv_in_str(x, "user"), *pw = sv_in_str(x, "password");
	size_t i = 0;
	while (user && i < a->nusers && strcmp(a->users[i], user))
		i++;
	int ok = user && pw && i < a->nusers &&
		 !crypto_pwhash_str_verify(a->hashes[i], pw, strlen(pw));
	if (!ok)
		return sv_fail(x, 401, "that name and password do not sign in");
	drop_idle(a, (long long)time(NULL));
	if (a->nsessions >= MAX_SESSIONS)
		return sv_fail(x, 503, "too many sessions signed in");
	a->sessions = fw_xpush(a->sessions, a->nsessions, sizeof *a->sessions);
	sv_session *s = &a->sessions[a->nsessions++];
	sv_random_hex(s->id);
	sv_random_hex(s->csrf);
	s->user = fw_xstrdup(a->users[i]);
	s->last = (long long)time(NULL);
	snprintf(x->rs->cookie, sizeof x->rs->cookie,
		 "charter_session=%s; HttpOnly; SameSite=Strict; Path=/%s",
		 s->id, a->tls ? "; Secure" : "");
	sv_json(x, 200, json_pack("{ss}", "coder", s->user));
}

void sv_logout(sv_ctx *x)
{
	sv_app *a = x->app;
	for (size_t i = 0; i < a->nsessions; i++)
		if (a->sessions[i].user == x->coder) {
			free(a->sessions[i].user);
			a->sessions[i] = a->sessions[--a->nsessions];
			break;
		}
	snprintf(x->rs->cookie, sizeof x->rs->cookie,
		 "charter_session=; HttpOnly; SameSite=Strict; Path=/; "
		 "Max-Age=0");
	sv_json(x, 200, json_pack("{sb}", "ok", 1));
}
