/* import_run.c - an import from its file to its last batch: the whole
 * file read and every row's form checked, then written in batches that
 * each commit, the store remembering with each one where an unfinished
 * import goes on (a run again of the same file continues there). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backoffice/clerk.h"
#include "backoffice/entity.h"
#include "backoffice/import.h"
#include "backoffice/payment.h"
#include "import_int.h"

/* Where an import that has not finished stopped, kept in the store with
 * the batch that got there: "LINE OFFSET ROWS HASH", the line and byte
 * where the next batch starts, the rows in before it, and a hash of the
 * file's bytes before it, which a run again must find unchanged. */
static void progress_key(const struct importer *im, char *key, size_t n)
{
	snprintf(key, n, "import:%s", im->table);
}

static uint64_t hash_bytes(uint64_t h, const char *p, size_t n)
{
	while (n--)
		h = (h ^ (unsigned char)*p++) * 1099511628211u;
	return h;
}

#define HASH_START 14695981039346656037u

static int progress_put(struct importer *im, struct store_txn *txn)
{
	char key[64], val[128], skey[80];
	int ret;

	progress_key(im, key, sizeof key);
	if (!im->done) {
		uint64_t h = hash_bytes(im->hash, im->data + im->from_off,
		                        (size_t)(im->stop_off - im->from_off));

		snprintf(val, sizeof val, "%ld %ld %ld %016llx", im->stop_line, im->stop_off,
		         im->before + im->rows, (unsigned long long)h);
		snprintf(im->wrote, sizeof im->wrote, "%s", val);
		return store_meta_put(im->ss->st, txn, key, val);
	}
	/* finished: nothing to continue (a file of one batch never had it) */
	im->wrote[0] = '\0';
	snprintf(skey, sizeof skey, "set:%s", key);
	ret = store_del(im->ss->st, txn, TB_META, skey, strlen(skey));
	return ret == STORE_NOTFOUND ? 0 : ret;
}

static int import_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct importer *im = arg;
	char key[64], cur[128];
	int ret;

	(void)st;
	/* the point this run continues from must still be the one it left:
	 * another import of the table in between (the same file run twice
	 * at once) would have this one write its rows a second time */
	progress_key(im, key, sizeof key);
	ret = store_meta_get(im->ss->st, txn, key, cur, sizeof cur);
	if (ret == STORE_NOTFOUND)
		cur[0] = '\0';
	else if (ret)
		return ret;
	if (strcmp(cur, im->expect))
		return bo_failc(e, BO_ECONFLICT,
		                _("another import of %s has written meanwhile: run this one again once it has finished"),
		                im->table), STORE_FAILED;
	/* a run again (after a recovery) reads from the batch's first row */
	if (imp_rewind(im, e))
		return STORE_FAILED;
	if (!strcmp(im->table, "invoices"))
		ret = import_docs_body(im, txn, e);
	else if (!strcmp(im->table, "payments"))
		ret = import_payments_body(im, txn, e);
	else if (!strcmp(im->table, "contacts"))
		ret = import_contacts_body(im, txn, e);
	else
		ret = import_entity_body(im, txn, entity_find(im->table), e);
	return ret ? ret : progress_put(im, txn);
}

struct progress {
	struct importer *im;
	int found;
	long line, off, rows;
	unsigned long long hash;
};

static int progress_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct progress *p = arg;
	char key[64], val[128];
	int ret;

	(void)e;
	progress_key(p->im, key, sizeof key);
	p->found = 0;
	p->im->expect[0] = '\0';
	ret = store_meta_get(st, txn, key, val, sizeof val);
	if (ret == STORE_NOTFOUND)
		return 0;
	if (ret)
		return ret;
	snprintf(p->im->expect, sizeof p->im->expect, "%s", val);
	p->found = sscanf(val, "%ld %ld %ld %llx", &p->line, &p->off, &p->rows, &p->hash) == 4 &&
	           p->line > 1 && p->off > 0 && p->rows >= 0;
	return 0;
}

/* Where this run starts: at the first row; where an earlier run of the
 * same file stopped (its bytes before that point unchanged); or at the
 * line the clerk gives. Never at a row an earlier batch wrote, unless the
 * clerk says so (and then the rules still refuse a record that exists). */
static int start_point(struct importer *im, const char *what, long from_line,
                       struct import_done *done, struct bo_err *e)
{
	struct progress p = { im, 0, 0, 0, 0, 0 };
	int got;

	im->from_off = 0;
	im->from_line = 0;
	im->hash = HASH_START;
	if (store_read(im->ss->st, what, progress_body, &p, e))
		return -1;
	if (from_line <= 0 && p.found) {
		if ((size_t)p.off > im->len ||
		    hash_bytes(HASH_START, im->data, (size_t)p.off) != p.hash)
			return bo_failc(e, BO_ESTATE,
			                _("an earlier import of %s stopped at line %ld of a file that does not begin like \"%s\": import that file again to finish it, or give --from-line"),
			                im->table, p.line, im->path);
		im->from_off = p.off;
		im->from_line = p.line;
		im->hash = p.hash;
		im->before = p.rows;
		done->from_line = p.line;
		done->before = p.rows;
		return 0;
	}
	if (from_line <= 0)
		return 0;
	/* the clerk's line must be where a row starts */
	if (imp_rewind(im, e))
		return -1;
	while ((got = imp_next(im, e)) == 1 && im->line < from_line)
		;
	if (got < 0)
		return -1;
	if (got == 0 || im->line != from_line)
		return bo_failc(e, BO_EINVAL, _("%s: no row starts at line %ld"), im->path, from_line);
	im->from_off = im->row_off;
	im->from_line = im->row_line;
	im->hash = hash_bytes(HASH_START, im->data, (size_t)im->from_off);
	done->from_line = from_line;
	return 0;
}

static const struct {
	const char *table;
	const char *columns;    /* the export whose format it reads */
	enum perm perm;
} importable[] = {
	{ "staff", "staff", P_STAFF_WRITE },
	{ "customers", "customers", P_CUSTOMER_WRITE },
	{ "items", "items", P_ITEM_WRITE },
	{ "invoices", "lines", P_INVOICE_WRITE },
	{ "payments", "payments", P_PAYMENT_WRITE },
	{ "contacts", "contacts", P_CONTACT_WRITE },
};

/* The whole file into memory, opened with the clerk's own rights: a
 * regular file only (a FIFO or a device would hold the caller, and once
 * it held every clerk behind the writer gate), at most IMPORT_FILE_MAX. */
static int read_whole(const char *path, char **data, size_t *len, struct bo_err *e)
{
	struct stat st;
	size_t cap, n = 0;
	char *buf;
	int fd, err;

	*data = NULL;
	*len = 0;
	clerk_rights_begin();
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	clerk_rights_end();
	if (fd < 0)
		return bo_failc(e, bo_code_of_errno(errno), _("read \"%s\": %s"), path,
		                bo_strerror(errno));
	if (fstat(fd, &st)) {
		err = errno;
		close(fd);
		return bo_failc(e, BO_EIO, _("read \"%s\": %s"), path, bo_strerror(err));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return bo_failc(e, BO_EINVAL, _("read \"%s\": %s"), path, bo_strerror(EISDIR));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return bo_failc(e, BO_EINVAL, _("read \"%s\": not a regular file"), path);
	}
	if (st.st_size > IMPORT_FILE_MAX) {
		close(fd);
		return bo_failc(e, BO_EINVAL, _("read \"%s\": larger than %d MiB"), path,
		                IMPORT_FILE_MAX >> 20);
	}
	cap = (size_t)st.st_size + 1;
	if (!(buf = malloc(cap))) {
		close(fd);
		return bo_failc(e, BO_ENOMEM, _("read \"%s\": out of memory"), path);
	}
	for (;;) {
		ssize_t got;

		if (n == cap) {         /* it grew while read */
			char *nb;

			if (cap > IMPORT_FILE_MAX || !(nb = realloc(buf, cap * 2))) {
				free(buf);
				close(fd);
				return bo_failc(e, BO_EINVAL, _("read \"%s\": larger than %d MiB"),
				                path, IMPORT_FILE_MAX >> 20);
			}
			buf = nb;
			cap *= 2;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = errno;
			free(buf);
			close(fd);
			return bo_failc(e, BO_EIO, _("read \"%s\": %s"), path, bo_strerror(err));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}

/* Rows a transaction takes: few enough that a batch's locks and page
 * copies stay small (see the README's Performance), many enough that
 * the commits cost little. BACKOFFICE_IMPORT_BATCH sets it (tests). */
#define IMPORT_PAUSE_MS 10

static long batch_rows(void)
{
	const char *s = clerk_getenv("BACKOFFICE_IMPORT_BATCH");
	long n = s ? strtol(s, NULL, 10) : 0;

	return n > 0 ? n : IMPORT_BATCH;
}

/* The writer gate is a flock, which is not fair: a process that lets it
 * go and takes it again at once keeps it from the clerks woken to wait
 * for it. Measured on the loaded 2-core machine of the benchmark, 8
 * `customer add`s one after another during an import of 100,000 invoices:
 * without a pause the first waited 12 to 21 s each (most of the import);
 * with 20 ms after each batch of 5,000 all 8 went in during the import,
 * 2.1 to 7.7 s each, and with 10 ms after each batch of 2,000, 2.5 to
 * 4.1 s (an add takes the gate three times: open, write, close). 10 ms a
 * batch is about 5 s for a million invoices. */
static void turn_for_others(void)
{
	struct timespec pause = { 0, IMPORT_PAUSE_MS * 1000000L };

	while (nanosleep(&pause, &pause) && errno == EINTR)
		;
}

int import_csv_from(struct session *ss, const char *table, const char *path, long from_line,
                    struct import_done *done, struct bo_err *e)
{
	struct importer im;
	char what[64], *data;
	size_t i;
	int ret = 0, history;

	memset(done, 0, sizeof *done);
	for (i = 0; i < sizeof importable / sizeof importable[0]; i++)
		if (!strcmp(table, importable[i].table))
			break;
	if (i == sizeof importable / sizeof importable[0])
		return bo_fail(e, _("import \"%s\": expected staff, customers, items, invoices, payments or contacts"),
		               table);
	snprintf(what, sizeof what, _("import %s"), table);
	if (session_need(ss, importable[i].perm, what, e))
		return -1;
	memset(&im, 0, sizeof im);
	im.ss = ss;
	im.table = table;
	im.path = path;
	im.batch = batch_rows();
	im.cols = export_columns(importable[i].columns, &im.ncols);
	/* the whole file read and every row's form checked before the
	 * writer gate: only the write holds it */
	if (read_whole(path, &data, &im.len, e))
		return bo_wrap(e, "%s", what);
	im.data = data;
	if (imp_open(&im, e) || imp_scan(&im, e) || start_point(&im, what, from_line, done, e)) {
		imp_close(&im);
		free(data);
		return bo_wrap(e, "%s", what);
	}
	if (!strcmp(table, "payments") && !(im.pay = payment_batch_new())) {
		imp_close(&im);
		free(data);
		return bo_failc(e, BO_ENOMEM, _("%s: out of memory"), what);
	}
	/* one transaction a batch, and the writer gate let go between them
	 * so that other clerks' saves go in; each batch records in the
	 * store where the next starts, so a run cut short anywhere (a bad
	 * row, a kill, a full disk) is continued by running it again */
	/* history from an earlier system: its terms and cash payments were
	 * the law's business when they happened */
	history = ss->history;
	ss->history = 1;
	for (;;) {
		ret = store_write(ss->st, what, import_body, &im, e);
		if (im.pay)
			payment_batch_clear(im.pay);
		if (ret)
			break;
		done->rows += im.rows;
		memcpy(im.expect, im.wrote, sizeof im.expect);
		if (im.done)
			break;
		im.hash = hash_bytes(im.hash, im.data + im.from_off,
		                     (size_t)(im.stop_off - im.from_off));
		im.before += im.rows;
		im.from_off = im.stop_off;
		im.from_line = im.stop_line;
		turn_for_others();
	}
	ss->history = history;
	imp_close(&im);
	payment_batch_free(im.pay);
	free(data);
	if (!ret)
		return 0;
	if (e->msg[0] && strncmp(e->msg, what, strlen(what)))
		bo_wrap(e, "%s", what);
	/* only when the store holds the point to continue from: a batch of
	 * this run committed, or this run started from an earlier one's */
	if (done->rows > 0 || (from_line <= 0 && done->from_line > 0)) {
		size_t n = strlen(e->msg);

		/* the batches before this one are in: say so, and how to go on */
		snprintf(e->msg + n, sizeof e->msg - n,
		         _(" (the rows before line %ld are imported: correct the file from there and run the same import again to continue, or give --from-line %ld)"),
		         im.from_line, im.from_line);
	}
	return -1;
}

int import_csv(struct session *ss, const char *table, const char *path, long *rows,
               struct bo_err *e)
{
	struct import_done done;
	int ret = import_csv_from(ss, table, path, 0, &done, e);

	*rows = done.rows;
	return ret;
}
