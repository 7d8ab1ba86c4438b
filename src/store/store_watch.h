/* store_watch.h - a transaction body that waits on a dead process.
 *
 * Berkeley DB 5.3 cannot free a mutex whose holder was killed, and the
 * recovery that the next open runs never wakes a process already waiting
 * on one: that process would hang for ever, screen and all. So the bodies
 * of interactive and short commands run on a helper thread while the
 * calling thread watches. A body still running after store_watch_seconds
 * while the environment shows a dead clerk (a registered pid whose slot
 * lock is gone, or the panic that a recovery leaves behind) is given up:
 * the environment is panicked so that a body that was only slow stops at
 * its next call, and one that does not come back is left where it waits
 * (with the old handles) while the caller reopens and runs it again.
 * A write's commit runs watched too (a killed reader can hold a mutex
 * that a commit needs); one given up is looked for after the recovery by
 * the mark it put in meta (store_txn.c), and run again only if absent. */
#ifndef STORE_WATCH_H
#define STORE_WATCH_H

#include "store_int.h"

/* What runs watched: a transaction's begin and body (store.c). */
typedef int (*store_watch_fn)(struct store *s, void *arg, struct bo_err *e);

/* fn's result, or STORE_LOST when fn was left waiting: the caller must
 * then abandon the handles of s and leave fn's transaction alone. Apart
 * from STORE_FAILED (-1) and STORE_STOP (-2), which a body may return. */
#define STORE_LOST (-3)
_Static_assert(STORE_LOST != STORE_FAILED && STORE_LOST != STORE_STOP, "STORE_LOST");
int store_watch_body(struct store *s, store_watch_fn fn, void *arg, struct bo_err *e);

/* For the tests: called on the helper around a write's commit (landed 0
 * just before it, 1 just after it succeeded), to make a commit wait on a
 * dead process's mutex. NULL in the program. */
extern void (*store_commit_wait)(struct store *s, int landed);
/* For the tests: called on the helper right after the environment's
 * open, to make an open wait on a dead process's mutex. */
extern void (*store_open_wait)(DB_ENV *env);

/* 1 when the environment shows a process that died without closing it,
 * or was recovered by another process since we opened it. Never calls
 * Berkeley DB: its calls can wait on the very mutex a dead process holds
 * (DB_ENV->get_flags takes the transaction region's). */
int store_env_has_dead(struct store *s);
/* 1 when the environment we have open was recovered by another process
 * or is panicked: every call into it will say DB_RUNRECOVERY. Never
 * calls Berkeley DB. */
int store_env_stale(struct store *s);
/* 1 when the environment's region is marked panicked (read from its
 * file, never through Berkeley DB). */
int store_region_panicked(const struct store *s);
/* 1 when no process but this one has the environment open (the
 * registry's lines are all free or ours). Never calls Berkeley DB. */
int store_env_alone(struct store *s);
/* 1 when process pid is gone (or a zombie). */
int store_pid_gone(long pid);
/* Our own lines of the registry made free, as Berkeley DB's close does,
 * after an open or a close given up: the handle left waiting keeps our
 * line, and with our pid in it the next open fails (DB_REGISTER allows one
 * handle a process). */
void store_registry_forget(struct store *s);
/* Note which region files the environment just opened is made of. */
void store_region_note(struct store *s);

#endif
