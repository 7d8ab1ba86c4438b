/* vf_event.c - the event log: a second chain, hashed like the records, of
 * what the system did. Starts against the store (commands once a day per
 * user, the screens every time), integrity failures found, exports of the
 * records, restores, imports of invoices, annulments, acknowledgements,
 * settings, and a summary of the days before, written by the first start
 * of each day. Events are appended even when an earlier one is damaged:
 * the log must go on recording, and check names the break. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "backoffice/audit.h"
#include "backoffice/text.h"
#include "backoffice/verifactu.h"
#include "vf_int.h"

static int get_event(struct store *st, struct store_txn *txn, uint64_t seq,
                     struct vf_event *ev, struct bo_err *e)
{
	uint8_t k[8];
	char key[24];
	void *data;
	size_t len;
	int ret;

	key_u64(seq, k);
	if ((ret = store_get(st, txn, TB_VF_EVENTS, k, 8, &data, &len, 0)))
		return ret;
	snprintf(key, sizeof key, "%llu", (unsigned long long)seq);
	ret = rec_decode(&vf_event_type, ev, data, len, key, e);
	free(data);
	return ret ? STORE_FAILED : 0;
}

int vf_event_txn(struct session *ss, struct store_txn *txn, const char *kind,
                 const char *detail, struct bo_err *e)
{
	struct vf_event *ev = calloc(2, sizeof *ev);
	struct vf_settings s;
	uint64_t seq;
	int ret;

	if (!ev)
		return ENOMEM;
	if ((ret = vf_settings_get(ss, txn, &s)) ||
	    (ret = store_counter_next(ss->st, txn, "vf_ev", &seq)))
		goto out;
	if (seq > 1) {
		ret = get_event(ss->st, txn, seq - 1, ev + 1, e);
		if (ret == 0)
			snprintf(ev->prev_hash, sizeof ev->prev_hash, "%s", ev[1].hash);
		else if (ret != STORE_NOTFOUND && ret != STORE_FAILED)
			goto out;
		bo_err_clear(e);
	}
	ev->seq = (int64_t)seq;
	text_copy(ev->kind, sizeof ev->kind, kind);
	vf_now(ev->timestamp, sizeof ev->timestamp, NULL);
	store_meta_get(ss->st, txn, "company_nif", ev->nif, sizeof ev->nif);
	snprintf(ev->sw_id, sizeof ev->sw_id, "%s", s.sw_id);
	snprintf(ev->sw_version, sizeof ev->sw_version, "%s", s.sw_version);
	snprintf(ev->user, sizeof ev->user, "%s", ss->user);
	text_copy(ev->detail, sizeof ev->detail, detail ? detail : "");
	vf_event_seal(ev);
	ret = rec_put_new(ss->st, txn, TB_VF_EVENTS, &vf_event_type, ev, seq, 8);
out:
	free(ev);
	return ret;
}

struct ev_ctx {
	struct session *ss;
	const char *kind, *detail;
	int tui;
};

static int event_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct ev_ctx *c = arg;

	(void)st;
	return vf_event_txn(c->ss, txn, c->kind, c->detail, e);
}

int vf_event(struct session *ss, const char *kind, const char *detail, struct bo_err *e)
{
	struct ev_ctx c = { ss, kind, detail, 0 };

	return store_update(ss->st, _("log event"), NULL, 0, event_body, &c, e);
}

static int start_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct ev_ctx *c = arg;
	char today[16], last[16], key[64], detail[200];
	uint64_t nrec = 0, nev = 0;
	int ret;

	date_format(date_today(), today, sizeof today);
	last[0] = '\0';
	store_meta_get(st, txn, "vf_summary", last, sizeof last);
	if (strcmp(last, today) < 0) {
		store_counter_get(st, txn, "vf_rec", &nrec);
		store_counter_get(st, txn, "vf_ev", &nev);
		snprintf(detail, sizeof detail, "up to %s: %llu records, %llu events", today,
		         (unsigned long long)nrec, (unsigned long long)nev);
		if ((ret = vf_event_txn(c->ss, txn, "summary", detail, e)) ||
		    (ret = store_meta_put(st, txn, "vf_summary", today)))
			return ret;
	}
	snprintf(detail, sizeof detail, "%s", c->tui ? "screens" : "command line");
	if ((ret = vf_event_txn(c->ss, txn, "start", detail, e)))
		return ret;
	snprintf(key, sizeof key, "vf_start:%s", c->ss->user);
	return store_meta_put(st, txn, key, today);
}

struct last_ctx {
	const char *key;
	char *out;
	size_t n;
};

static int last_read(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct last_ctx *c = arg;
	int ret = store_meta_get(st, txn, c->key, c->out, c->n);

	(void)e;
	return ret == STORE_NOTFOUND ? 0 : ret;
}

int vf_event_start(struct session *ss, int tui, struct bo_err *e)
{
	struct ev_ctx c = { ss, "start", NULL, tui };
	char key[64], today[16], last[16];
	struct last_ctx l = { key, last, sizeof last };

	date_format(date_today(), today, sizeof today);
	snprintf(key, sizeof key, "vf_start:%s", ss->user);
	last[0] = '\0';
	/* a read first, so that the day's later commands write nothing */
	if (!tui && store_read(ss->st, _("log event"), last_read, &l, e) == 0 &&
	    !strcmp(last, today))
		return 0;
	return store_update(ss->st, _("log event"), NULL, 0, start_body, &c, e);
}

struct each_ctx {
	bo_date from, to;
	int (*fn)(const struct vf_event *, void *);
	void *arg;
};

static int each_row(const void *row, void *arg)
{
	struct each_ctx *c = arg;

	return c->fn(row, c->arg);
}

static int each_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct each_ctx *c = arg;

	return vf_walk(st, txn, TB_VF_EVENTS, &vf_event_type, sizeof(struct vf_event),
	               offsetof(struct vf_event, timestamp), c->from, c->to, each_row, c, e);
}

int vf_event_each(struct session *ss, bo_date from, bo_date to,
                  int (*fn)(const struct vf_event *ev, void *arg), void *arg,
                  struct bo_err *e)
{
	struct each_ctx c = { from, to, fn, arg };

	if (session_need(ss, P_AUDIT_READ, _("read events"), e))
		return -1;
	return store_read(ss->st, _("read events"), each_body, &c, e);
}

struct alarm_ctx {
	char *out;
	size_t n;
};

static int alarm_read(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct alarm_ctx *c = arg;
	int ret = store_meta_get(st, txn, "vf_alarm", c->out, c->n);

	(void)e;
	return ret == STORE_NOTFOUND ? 0 : ret;
}

int vf_alarm_get(struct session *ss, char *out, size_t n)
{
	struct alarm_ctx c = { out, n };
	struct bo_err e = BO_ERR_INIT;

	out[0] = '\0';
	/* a read like any other: watched, so a dead clerk cannot hang it */
	if (store_read(ss->st, _("read alarm"), alarm_read, &c, &e))
		out[0] = '\0';
	return out[0] != '\0';
}

static int alarm_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct ev_ctx *c = arg;
	int ret;

	if ((ret = store_meta_put(st, txn, "vf_alarm", c->detail)))
		return ret;
	return vf_event_txn(c->ss, txn, "integrity", c->detail, e);
}

int vf_alarm_raise(struct session *ss, const char *msg, struct bo_err *e)
{
	char buf[400];
	struct ev_ctx c = { ss, "integrity", buf, 0 };

	text_copy(buf, sizeof buf, msg);
	return store_update(ss->st, _("raise alarm"), NULL, 0, alarm_body, &c, e);
}

static int ack_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct ev_ctx *c = arg;
	char alarm[400], detail[900];
	int ret;

	alarm[0] = '\0';
	store_meta_get(st, txn, "vf_alarm", alarm, sizeof alarm);
	if (!*alarm)
		return bo_failc(e, BO_ESTATE, _("acknowledge: no alarm is raised"));
	snprintf(detail, sizeof detail, "%s (%s)", c->detail, alarm);
	if ((ret = store_meta_put(st, txn, "vf_alarm", "")) ||
	    (ret = audit_add(c->ss, txn, "acknowledge", "records", "alarm", detail, NULL)))
		return ret;
	return vf_event_txn(c->ss, txn, "acknowledge", detail, e);
}

int vf_acknowledge(struct session *ss, const char *note, struct bo_err *e)
{
	struct ev_ctx c = { ss, "acknowledge", note ? note : "", 0 };

	if (session_need(ss, P_USERS, _("acknowledge"), e))
		return -1;
	if (note && text_check("note", note, 200, e))
		return bo_wrap(e, _("acknowledge"));
	return store_update(ss->st, _("acknowledge"), NULL, 0, ack_body, &c, e);
}

void vf_after_failure(struct session *ss, const struct bo_err *e)
{
	struct bo_err e2 = BO_ERR_INIT;
	char alarm[8];

	if (e->code != BO_EDAMAGED || strcmp(e->loc.field, "verifactu"))
		return;
	/* one alarm at a time: the first break found stays until acknowledged */
	if (!vf_alarm_get(ss, alarm, sizeof alarm))
		vf_alarm_raise(ss, e->msg, &e2);
}
