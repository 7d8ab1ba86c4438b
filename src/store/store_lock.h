/* store_lock.h - locks that the kernel drops when a process dies, even by
 * SIGKILL: the open lock (shared while a process has the store open,
 * exclusive for a restore) and the writer gate. */
#ifndef STORE_LOCK_H
#define STORE_LOCK_H

#include "store_int.h"

/* Files that belong to the processes of one store, never to a backup. */
#define STORE_LOCK_FILE "backoffice.lock"
#define STORE_GATE_FILE "backoffice.gate"

/* Take the open lock shared (waiting out a restore) and open the gate. */
int store_locks_take(struct store *s, struct bo_err *e);
void store_locks_drop(struct store *s);

/* Berkeley DB 5.3 cannot free a mutex whose holder died: a clerk killed
 * while its commit waits on fsync would leave the log flush mutex taken
 * and every other writer blocked on it for ever. So writers go through a
 * gate, one at a time, and leave their pid in it while inside. Returns 1
 * when the process inside before us died there (its mutexes may still be
 * held: reopen, which recovers, before touching the environment), 0 when
 * not, -1 on error. A store without a gate (being created) is not gated. */
int store_gate_enter(struct store *s, struct bo_err *e);
void store_gate_leave(struct store *s);
/* Entering again from inside (a reopen inside a write) nests. */
/* Leave without clearing our pid: the next writer will recover. */
void store_gate_abandon(struct store *s);

/* A write transaction: the gate, and alone among this process's threads
 * too (the gate alone is shared by them). Same answers as
 * store_gate_enter; leave with clear 0 to abandon (the next recovers). */
int store_write_enter(struct store *s, struct bo_err *e);
void store_write_leave(struct store *s, int clear);

/* The regions' lock (store_lock.c): shared by an environment's open or
 * close outside the gate, exclusive by one inside it, which may recover
 * (remove and make the region files again) or panic the environment.
 * 0, or -1 when the lock cannot be had (the caller goes through the gate). */
int store_regions_share(struct store *s);
void store_regions_unshare(struct store *s);
/* Exclusive, nesting (called inside the gate). */
void store_regions_own(struct store *s);
void store_regions_disown(struct store *s);
/* The pid inside the gate, if it is a process that is gone (0 if none
 * is inside, or the one inside lives). */
long store_gate_dead_pid(struct store *s);

#endif
