/* fixture.c - the store the unit tests work on, each in its own temporary
 * folder so that tests running at once never share one. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backoffice/demo.h"
#include "backoffice/company.h"
#include "backoffice/customer.h"
#include "backoffice/entity.h"
#include "backoffice/invoice.h"
#include "fixture.h"

int fixture_company(const char *db, const void *arg, struct bo_err *e)
{
	return company_create(db, arg, "B12345674", NULL, e);
}

int fixture_demo(const char *db, const void *arg, struct bo_err *e)
{
	return demo_create(db, arg, e);
}

int fixture_invoice(struct session *ss, int issue, char *number, uint32_t *id,
                    struct bo_err *e)
{
	struct invoice inv;
	struct inv_line l;
	int r;

	invoice_init(&inv);
	inv.customer = 1;
	memset(&l, 0, sizeof l);
	snprintf(l.description, sizeof l.description, "Servicio");
	l.quantity = 1000;
	l.unit_price = 1000;
	l.vat_rate = 21;
	r = invoice_add_line(&inv, &l, e) || invoice_save(ss, &inv, issue, e) ? -1 : 0;
	if (number)
		snprintf(number, 16, "%s", inv.number);
	if (id)
		*id = inv.id;
	invoice_free(&inv);
	return r;
}

int fixture_make(char *dir, size_t n, const char *tag, fixture_make_fn make, const void *arg)
{
	struct bo_err e = BO_ERR_INIT;
	size_t len;

	if ((size_t)snprintf(dir, n, "/tmp/bo-unit-%s.XXXXXX", tag) + 3 >= n) {
		fprintf(stderr, "make store for \"%s\": path too long\n", tag);
		return -1;
	}
	if (!mkdtemp(dir)) {
		fprintf(stderr, "make folder \"%s\": %s\n", dir, strerror(errno));
		return -1;
	}
	len = strlen(dir);
	snprintf(dir + len, n - len, "/db");
	if (make(dir, arg, &e)) {
		fprintf(stderr, "make store in \"%s\": %s\n", dir, e.msg);
		return -1;
	}
	return 0;
}

int fixture_remove(const char *dir)
{
	size_t len = strlen(dir);
	char cmd[300];

	/* the folder above the store: fixture_make made both */
	if (len < 4 || strcmp(dir + len - 3, "/db") ||
	    (size_t)snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(len - 3), dir) >= sizeof cmd)
		return -1;
	return system(cmd) == 0 ? 0 : -1;
}

int fixture_open(struct session *ss, char *dir, size_t n, const char *tag,
                 fixture_make_fn make, const void *arg)
{
	struct bo_err e = BO_ERR_INIT;

	if (fixture_make(dir, n, tag, make, arg))
		return -1;
	if (session_open(ss, dir, &e)) {
		fprintf(stderr, "open store in \"%s\": %s\n", dir, e.msg);
		return -1;
	}
	return 0;
}

int fixture_close(struct session *ss, const char *dir)
{
	session_close(ss);
	return fixture_remove(dir);
}

int fixture_clerk(const char *dir, int (*fn)(struct session *ss))
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		struct session ss;
		struct bo_err e = BO_ERR_INIT;
		int r;

		if (session_open(&ss, dir, &e)) {
			fprintf(stderr, "clerk: %s\n", e.msg);
			_exit(2);
		}
		r = fn(&ss);
		session_close(&ss);
		_exit(r);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int die_in_write(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct session *ss = arg;
	struct customer c;
	int ret;

	(void)st;
	entity_blank(&entity_customer, &c);
	c.id = 99;
	snprintf(c.name, sizeof c.name, "Never saved");
	snprintf(c.nif, sizeof c.nif, "12345678Z");
	if ((ret = entity_put_txn(ss, txn, &entity_customer, &c, e)) != 0)
		return ret;
	raise(SIGKILL);
	return 0;
}

int fixture_die_writing(struct session *ss)
{
	struct bo_err e = BO_ERR_INIT;

	return store_write(ss->st, "die", die_in_write, ss, &e) ? 1 : 0;
}
