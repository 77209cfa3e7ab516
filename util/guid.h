/*
 * guid.h: GUIDs for everything another tool could refer to.
 *
 * New objects get a UUID version 7 (time-ordered, so they append to the
 * project's GUID indexes); objects that must have the same GUID on every
 * export get a version 8 UUID derived from a key by SHA-256.
 *
 * The version 7 generator keeps state (a pool of random bytes and the
 * last millisecond with its counter): it is the only mutable global state
 * in charter, and it is not thread-safe.
 */
#ifndef FW_GUID_H
#define FW_GUID_H

/** A new UUID version 7, upper case, into out (37 bytes). */
void fw_guid_new(char out[37]);
/** A stable UUID version 8 derived from key, upper case. */
void fw_guid_derive(char out[37], const char *key);

#endif
