/* inject.c - test helper: writes a customer whose name holds terminal
 * escape sequences straight into the store, past every check, as a
 * damaged or hostile record would arrive; the screens must show it inert.
 * With --hold it plays a clerk's process that is killed mid-save: it
 * writes the customer in a transaction of its own, outside the writer
 * gate, says "holding" and waits, locks held, for the test to kill it.
 * usage: tui_inject DIR ID NAME [--hold] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "store_int.h"      /* a transaction outside the store's wrapper */

struct job {
	struct session *ss;
	struct customer *c;
};

static int put(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct job *j = arg;

	(void)st;
	return entity_put_txn(j->ss, txn, &entity_customer, j->c, e);
}

int main(int argc, char **argv)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct customer c;
	struct job j = { &ss, &c };

	if (argc != 4 && !(argc == 5 && !strcmp(argv[4], "--hold")))
		return 2;
	if (session_open(&ss, argv[1], &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	entity_blank(&entity_customer, &c);
	c.id = (uint32_t)strtoul(argv[2], NULL, 10);
	snprintf(c.name, sizeof c.name, "%s", argv[3]);
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	if (argc == 5) {
		DB_TXN *txn;

		if (ss.st->env->txn_begin(ss.st->env, NULL, &txn, 0) ||
		    put(ss.st, store_txn_of(txn), &j, &e))
			return 1;
		printf("holding\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	if (store_write(ss.st, "inject", put, &j, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		session_close(&ss);
		return 1;
	}
	session_close(&ss);
	return 0;
}
