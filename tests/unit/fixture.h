/* fixture.h - a store of its own in a fresh temporary folder, for the unit
 * tests that need one: made by their set-up, removed by their teardown. */
#ifndef TESTS_UNIT_FIXTURE_H
#define TESTS_UNIT_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "backoffice/err.h"
#include "backoffice/session.h"

/* Makes the store in db; 0, or -1 with why in e. */
typedef int (*fixture_make_fn)(const char *db, const void *arg, struct bo_err *e);

/* The usual store: a company with no records yet; arg is its name. */
int fixture_company(const char *db, const void *arg, struct bo_err *e);
/* A seeded demo company; arg is its struct demo_opts. */
int fixture_demo(const char *db, const void *arg, struct bo_err *e);

/* A store made by make(db, arg) in "/tmp/bo-unit-TAG.XXXXXX/db", its path
 * into dir (n bytes). 0, or -1 with why on stderr. */
int fixture_make(char *dir, size_t n, const char *tag, fixture_make_fn make, const void *arg);
/* Removes the folder fixture_make made for dir: 0 or -1. */
int fixture_remove(const char *dir);

/* fixture_make, and ss opened on the store. */
int fixture_open(struct session *ss, char *dir, size_t n, const char *tag,
                 fixture_make_fn make, const void *arg);

/* Another clerk: fn run in a forked process with a session of its own on
 * dir; its exit status (fn's result), 128 + N when killed by signal N, 2
 * when the store would not open. */
int fixture_clerk(const char *dir, int (*fn)(struct session *ss));

/* For fixture_clerk: puts customer 99 ("Never saved") and is killed with
 * SIGKILL inside the write, inside the gate, holding its locks, as a
 * clerk whose process dies mid-save. */
int fixture_die_writing(struct session *ss);

/* An invoice for customer 1 of one line, 10.00 at 21 % VAT: issued (its
 * number into number, 16 bytes, when not NULL) or left a draft (its id
 * into id, when not NULL). 0, or -1 with why in e. */
int fixture_invoice(struct session *ss, int issue, char *number, uint32_t *id,
                    struct bo_err *e);

/* Closes ss and removes the folder fixture_open made for dir: 0 or -1. */
int fixture_close(struct session *ss, const char *dir);

#endif
