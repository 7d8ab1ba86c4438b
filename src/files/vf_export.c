/* vf_export.c - the Veri*Factu records and events to .csv or .xlsx: the
 * fields that are hashed first, as the very strings that were hashed, so
 * that anyone with the file can recompute every fingerprint and link;
 * then the rest of each record. The export is itself an event. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "backoffice/verifactu.h"
#include "backoffice/vf_files.h"
#include "backoffice/xlsx.h"
#include "export_file.h"

static const struct column record_cols[] = {
	{ "seq", CT_INT }, { "kind", CT_TEXT }, { "issuer_nif", CT_TEXT },
	{ "number", CT_TEXT }, { "issue_date", CT_TEXT }, { "invoice_type", CT_TEXT },
	{ "total_tax", CT_MONEY }, { "total", CT_MONEY }, { "previous_hash", CT_TEXT },
	{ "timestamp", CT_TEXT }, { "hash", CT_TEXT },
	{ "issuer_name", CT_TEXT }, { "invoice_id", CT_INT }, { "correction", CT_TEXT },
	{ "corrected_number", CT_TEXT }, { "corrected_date", CT_TEXT },
	{ "recipient_nif", CT_TEXT }, { "recipient_name", CT_TEXT },
	{ "description", CT_TEXT }, { "breakdown", CT_TEXT }, { "previous_nif", CT_TEXT },
	{ "previous_number", CT_TEXT }, { "previous_date", CT_TEXT },
	{ "software_name", CT_TEXT }, { "software_id", CT_TEXT },
	{ "software_version", CT_TEXT }, { "installation", CT_TEXT },
	{ "producer_nif", CT_TEXT }, { "producer_name", CT_TEXT }, { "reason", CT_TEXT },
	{ "user", CT_TEXT },
};

static const struct column event_cols[] = {
	{ "seq", CT_INT }, { "kind", CT_TEXT }, { "nif", CT_TEXT },
	{ "software_id", CT_TEXT }, { "software_version", CT_TEXT }, { "user", CT_TEXT },
	{ "detail", CT_TEXT }, { "previous_hash", CT_TEXT }, { "timestamp", CT_TEXT },
	{ "hash", CT_TEXT },
};

#define NC(a) (sizeof a / sizeof a[0])

struct out {
	struct sink *s;
	struct bo_err *e;
	int64_t last;           /* a rerun of the read skips what was written */
	int failed;
	long rows;
};

static int record_row(const struct vf_record *r, void *arg)
{
	struct out *o = arg;
	char seq[24], id[16];
	const char *cells[NC(record_cols)];
	size_t i = 0;

	if (r->seq <= o->last)
		return 0;
	snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
	snprintf(id, sizeof id, "%u", r->invoice_id);
	cells[i++] = seq;
	cells[i++] = r->kind == VF_ANULACION ? "anulacion" : "alta";
	cells[i++] = r->issuer_nif;
	cells[i++] = r->number;
	cells[i++] = r->issue_date;
	cells[i++] = r->type;
	cells[i++] = r->total_tax;
	cells[i++] = r->total;
	cells[i++] = r->prev_hash;
	cells[i++] = r->timestamp;
	cells[i++] = r->hash;
	cells[i++] = r->issuer_name;
	cells[i++] = id;
	cells[i++] = r->correction;
	cells[i++] = r->corrected_number;
	cells[i++] = r->corrected_date;
	cells[i++] = r->recipient_nif;
	cells[i++] = r->recipient_name;
	cells[i++] = r->description;
	cells[i++] = r->breakdown;
	cells[i++] = r->prev_nif;
	cells[i++] = r->prev_number;
	cells[i++] = r->prev_date;
	cells[i++] = r->sw_name;
	cells[i++] = r->sw_id;
	cells[i++] = r->sw_version;
	cells[i++] = r->sw_install;
	cells[i++] = r->producer_nif;
	cells[i++] = r->producer_name;
	cells[i++] = r->reason;
	cells[i++] = r->user;
	if (o->s->row(o->s, cells, o->e)) {
		o->failed = 1;
		return 1;
	}
	o->last = r->seq;
	o->rows++;
	return 0;
}

static int event_row(const struct vf_event *ev, void *arg)
{
	struct out *o = arg;
	char seq[24];
	const char *cells[] = { seq, ev->kind, ev->nif, ev->sw_id, ev->sw_version, ev->user,
	                        ev->detail, ev->prev_hash, ev->timestamp, ev->hash };

	if (ev->seq <= o->last)
		return 0;
	snprintf(seq, sizeof seq, "%lld", (long long)ev->seq);
	if (o->s->row(o->s, cells, o->e)) {
		o->failed = 1;
		return 1;
	}
	o->last = ev->seq;
	o->rows++;
	return 0;
}

static int feed(struct session *ss, int events, bo_date from, bo_date to, struct sink *s,
                long *rows, struct bo_err *e)
{
	struct out o = { s, e, 0, 0, 0 };
	int ret;

	if (s->begin(s, events ? "events" : "records", events ? event_cols : record_cols,
	             events ? NC(event_cols) : NC(record_cols), e))
		return -1;
	ret = events ? vf_event_each(ss, from, to, event_row, &o, e)
	             : vf_each(ss, from, to, record_row, &o, e);
	if (ret || o.failed)
		return -1;
	*rows = o.rows;
	return s->end(s, e);
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcasecmp(s + n - m, suffix);
}

int vf_export_file(struct session *ss, const char *what, bo_date from, bo_date to,
                   const char *path, long *rows, struct bo_err *e)
{
	int events = !strcmp(what, "events");
	char detail[400];
	struct sink s;
	long n = 0;
	int ret;

	/* the same rules as every export: not in the data directory, no link */
	if (export_file_target_check(ss->dir, path, NULL, e))
		return -1;
	if (has_suffix(path, ".xlsx")) {
		struct xlsx_props p;

		xlsx_props_init(&p, ss, events ? _("Verifactu events") : _("Verifactu records"));
		if (xlsx_sink_open(&s, path, &p, e))
			return -1;
		if (feed(ss, events, from, to, &s, &n, e)) {
			xlsx_sink_abort(&s);
			return -1;
		}
		if (xlsx_sink_close(&s, e))
			return -1;
	} else if (has_suffix(path, ".csv")) {
		char *tmp;
		FILE *f;
		int fd;

		if ((fd = export_tmp_open(path, &tmp, e)) < 0)
			return -1;
		if (!(f = fdopen(fd, "w"))) {
			close(fd);
			export_tmp_drop(tmp);
			free(tmp);
			return bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(errno));
		}
		csv_sink_init(&s, f);
		ret = feed(ss, events, from, to, &s, &n, e);
		if (!ret && (fflush(f) || fsync(fileno(f))))
			ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path,
			              bo_strerror(errno));
		if (fclose(f) && !ret)
			ret = bo_fail(e, _("export to \"%s\": cannot write: %s"), path,
			              bo_strerror(errno));
		if (!ret && export_tmp_commit(tmp, path))
			ret = bo_fail(e, _("export to \"%s\": %s"), path, bo_strerror(errno));
		if (ret)
			export_tmp_drop(tmp);
		free(tmp);
		if (ret)
			return -1;
	} else {
		return bo_failc(e, BO_EINVAL,
		                _("export %s to \"%s\": the file name must end in .csv or .xlsx"),
		                what, path);
	}
	if (rows)
		*rows = n;
	snprintf(detail, sizeof detail, "%s to \"%.300s\": %ld rows", what, path, n);
	return vf_event(ss, "export", detail, e);
}
