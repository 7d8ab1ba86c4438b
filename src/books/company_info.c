/* company_info.c - the company's details for its documents: a record in
 * the meta table, its logo beside it, edited by the admin and audited. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/audit.h"
#include "backoffice/clerk.h"
#include "backoffice/company.h"
#include "backoffice/iban.h"
#include "backoffice/payment.h"
#include "backoffice/text.h"

#define KEY_INFO "company_info"
#define KEY_LOGO "company_logo"

#define F(m) FIELD(struct company_info, m)

/* Tags are the on-disk format: never reuse or renumber. */
static const struct field company_fields[] = {
	{ "legal_name", N_("Legal name"), FT_TEXT, 1, F(legal_name), FF_REQUIRED, 0, 0, NULL },
	{ "trade_name", N_("Trade name"), FT_TEXT, 2, F(trade_name), 0, 0, 0, NULL },
	{ "nif", N_("NIF"), FT_TAXID, 3, F(nif), FF_REQUIRED, 0, 0, NULL },
	{ "street", N_("Street"), FT_TEXT, 4, F(street), 0, 0, 0, NULL },
	{ "postcode", N_("Postcode"), FT_TEXT, 5, F(postcode), 0, 0, 0, NULL },
	{ "city", N_("City"), FT_TEXT, 6, F(city), 0, 0, 0, NULL },
	{ "province", N_("Province"), FT_TEXT, 7, F(province), 0, 0, 0, NULL },
	{ "country", N_("Country"), FT_TEXT, 8, F(country), 0, 0, 0, NULL },
	{ "phone", N_("Phone"), FT_PHONE, 9, F(phone), 0, 0, 0, NULL },
	{ "email", N_("Email"), FT_EMAIL, 10, F(email), 0, 0, 0, NULL },
	{ "web", N_("Web"), FT_TEXT, 11, F(web), 0, 0, 0, NULL },
	{ "iban", N_("Bank accounts (IBAN)"), FT_TEXT, 12, F(iban), 0, 0, 0, NULL },
	{ "registry", N_("Commercial registry"), FT_TEXT, 13, F(registry), 0, 0, 0, NULL },
	{ "volume", N_("Registry volume"), FT_TEXT, 14, F(volume), 0, 0, 0, NULL },
	{ "sheet", N_("Registry sheet"), FT_TEXT, 15, F(sheet), 0, 0, 0, NULL },
	{ "page", N_("Registry page"), FT_TEXT, 16, F(page), 0, 0, 0, NULL },
	{ "footer", N_("Invoice footer"), FT_TEXT, 17, F(footer), 0, 0, 0, NULL },
	{ "payment_method", N_("Default payment method"), FT_ENUM, 18, F(payment_method), 0, 0, 0, payment_methods },
	{ "sendmail", N_("Sendmail program"), FT_TEXT, 19, F(sendmail), 0, 0, 0, NULL },
	{ "logo_bytes", N_("Logo (bytes)"), FT_INT, 20, F(logo_bytes), FF_DERIVED, 0, COMPANY_LOGO_MAX, NULL },
};

const struct rectype company_type = {
	"company", 1, sizeof(struct company_info), company_fields,
	sizeof company_fields / sizeof company_fields[0]
};

struct get_ctx {
	struct session *ss;
	struct company_info *ci;
};

static int get_txn(struct session *ss, struct store_txn *txn, struct company_info *ci,
                   uint32_t flags, struct bo_err *e)
{
	void *data;
	size_t len;
	int ret;

	memset(ci, 0, sizeof *ci);
	ret = store_get(ss->st, txn, TB_META, KEY_INFO, strlen(KEY_INFO), &data, &len, flags);
	if (ret == 0) {
		ret = rec_decode(&company_type, ci, data, len, KEY_INFO, e);
		free(data);
		return ret ? STORE_FAILED : 0;
	}
	if (ret != STORE_NOTFOUND)
		return ret;
	/* a store from before the details: what init recorded */
	store_meta_get(ss->st, txn, "company", ci->legal_name, sizeof ci->legal_name);
	store_meta_get(ss->st, txn, "company_nif", ci->nif, sizeof ci->nif);
	snprintf(ci->country, sizeof ci->country, "%s", "España");
	snprintf(ci->sendmail, sizeof ci->sendmail, "%s", COMPANY_SENDMAIL_DEFAULT);
	return 0;
}

static int get_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct get_ctx *c = arg;

	(void)st;
	return get_txn(c->ss, txn, c->ci, 0, e);
}

int company_get(struct session *ss, struct store_txn *txn, struct company_info *ci,
                struct bo_err *e)
{
	struct get_ctx c = { ss, ci };
	int ret;

	if (txn)
		ret = get_txn(ss, txn, ci, 0, e);
	else
		ret = store_read(ss->st, _("read company"), get_body, &c, e);
	if (ret && ret != STORE_FAILED && ret != -1)
		return bo_failc(e, BO_EFAIL, _("read company: %s"), bo_strerror(ret));
	if (!*ci->sendmail)
		snprintf(ci->sendmail, sizeof ci->sendmail, "%s", COMPANY_SENDMAIL_DEFAULT);
	return ret ? -1 : 0;
}

/* The PNG is read with the clerk's rights like every file the program is
 * given, and must say it is one. */
static int read_logo(const char *path, void **png, size_t *len, struct bo_err *e)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct stat sb;
	unsigned char *buf = NULL;
	size_t got = 0;
	int fd;

	/* never blocking on a FIFO, a terminal never made ours */
	clerk_rights_begin();
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	clerk_rights_end();

	if (fd < 0)
		return bo_failc(e, bo_code_of_errno(errno), _("invalid logo \"%s\": %s"), path, bo_strerror(errno));
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || sb.st_size <= 8 ||
	    sb.st_size > COMPANY_LOGO_MAX) {
		close(fd);
		return bo_failc(e, BO_EINVAL, _("invalid logo \"%s\": must be a PNG file of at most %d KB"),
		                path, COMPANY_LOGO_MAX / 1024);
	}
	if (!(buf = malloc((size_t)sb.st_size))) {
		close(fd);
		return bo_failc(e, BO_ENOMEM, _("invalid logo \"%s\": out of memory"), path);
	}
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)sb.st_size || memcmp(buf, sig, sizeof sig)) {
		free(buf);
		return bo_failc(e, BO_EINVAL, _("invalid logo \"%s\": not a PNG file"), path);
	}
	*png = buf;
	*len = got;
	return 0;
}

struct edit_ctx {
	struct session *ss;
	struct company_info *ci;        /* the new details */
	void *logo;                     /* new logo bytes, or NULL */
	size_t logo_len;
	int logo_set;                   /* "logo" was given: replace or remove */
};

static int edit_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct edit_ctx *c = arg;
	struct company_info old;
	struct codec_buf b;
	char changes[2048];
	int ret;

	if ((ret = get_txn(c->ss, txn, &old, STORE_RMW, e)))
		return ret;
	c->ci->logo_bytes = old.logo_bytes;
	if (c->logo_set) {
		c->ci->logo_bytes = (int32_t)c->logo_len;
		ret = c->logo ? store_put(st, txn, TB_META, KEY_LOGO, strlen(KEY_LOGO), c->logo,
		                          c->logo_len, 0)
		              : store_del(st, txn, TB_META, KEY_LOGO, strlen(KEY_LOGO));
		if (ret && ret != STORE_NOTFOUND)
			return ret;
	}
	if (rec_diff(&company_type, &old, c->ci, 1, changes, sizeof changes) == 0 && !c->logo_set)
		return 0;
	codec_start(&b, company_type.version);
	rec_encode(&company_type, c->ci, &b);
	ret = b.oom ? ENOMEM : store_put(st, txn, TB_META, KEY_INFO, strlen(KEY_INFO), b.data,
	                                 b.len, 0);
	codec_free(&b);
	/* the name and NIF every session shows come from the old settings */
	if (ret || (ret = store_meta_put(st, txn, "company", c->ci->legal_name)) ||
	    (ret = store_meta_put(st, txn, "company_nif", c->ci->nif)))
		return ret;
	if (c->logo_set && strlen(changes) + 40 < sizeof changes)
		snprintf(changes + strlen(changes), sizeof changes - strlen(changes),
		         "%slogo: %zu bytes", *changes ? "; " : "", c->logo_len);
	return audit_add(c->ss, txn, "edit", "company", c->ci->nif, changes, NULL);
}

static int apply(struct company_info *ci, const char *name, const char *value,
                 struct edit_ctx *c, struct bo_err *e)
{
	const struct field *f;
	char norm[sizeof ci->iban];

	if (!strcmp(name, "logo")) {
		free(c->logo);
		c->logo = NULL;
		c->logo_len = 0;
		c->logo_set = 1;
		return *value ? read_logo(value, &c->logo, &c->logo_len, e) : 0;
	}
	if (!(f = rec_field(&company_type, name)) || (f->flags & FF_DERIVED))
		{
		bo_failc(e, BO_EINVAL, _("unknown field \"%s\""), name);
		return bo_at_field(e, name);
	}
	if (!strcmp(f->name, "iban")) {
		if (text_check("iban", value, sizeof ci->iban - 1, e) ||
		    iban_check_list(value, norm, sizeof norm, e))
			return bo_at_field(e, "iban");
		value = norm;
	}
	if (field_set(f, ci, value, e))
		return bo_at_field(e, f->name);
	return 0;
}

int company_edit(struct session *ss, size_t n, const char *const *names,
                 const char *const *values, struct bo_err *e)
{
	struct company_info ci;
	struct edit_ctx c = { ss, &ci, NULL, 0, 0 };
	int ret = -1;

	if (session_need(ss, P_USERS, _("edit company"), e))
		return -1;
	if (company_get(ss, NULL, &ci, e))
		return bo_wrap(e, _("edit company"));
	for (size_t i = 0; i < n; i++)
		if (apply(&ci, names[i], values[i], &c, e))
			goto out;
	if (rec_validate(&company_type, &ci, e))
		goto out;
	ret = store_write(ss->st, _("edit company"), edit_body, &c, e);
	if (ret == 0) {
		snprintf(ss->company, sizeof ss->company, "%s", ci.legal_name);
		snprintf(ss->company_nif, sizeof ss->company_nif, "%s", ci.nif);
	}
	free(c.logo);
	return ret ? -1 : 0;
out:
	free(c.logo);
	return bo_wrap(e, _("edit company"));
}

struct logo_ctx {
	void **png;
	size_t *len;
	int none;
};

static int logo_body(struct store *st, struct store_txn *txn, void *arg, struct bo_err *e)
{
	struct logo_ctx *c = arg;
	int ret = store_get(st, txn, TB_META, KEY_LOGO, strlen(KEY_LOGO), c->png, c->len, 0);

	(void)e;
	/* no logo is an answer, not a failure of the read */
	c->none = ret == STORE_NOTFOUND;
	return c->none ? 0 : ret;
}

int company_logo(struct session *ss, void **png, size_t *len, struct bo_err *e)
{
	struct logo_ctx c = { png, len, 0 };

	*png = NULL;
	*len = 0;
	if (store_read(ss->st, _("read company logo"), logo_body, &c, e))
		return -1;
	return c.none ? STORE_NOTFOUND : 0;
}

char *company_address(const struct company_info *ci, char *out, size_t n)
{
	size_t o = 0;

	out[0] = '\0';
#define ADD(sep, s) do { if (*(s) && o < n) \
		o += (size_t)snprintf(out + o, n - o, "%s%s", o ? (sep) : "", (s)); } while (0)
	ADD(", ", ci->street);
	ADD(", ", ci->postcode);
	ADD(o && *ci->postcode ? " " : ", ", ci->city);
	if (*ci->province && strcmp(ci->province, ci->city) && o < n)
		o += (size_t)snprintf(out + o, n - o, " (%s)", ci->province);
	ADD(", ", ci->country);
#undef ADD
	return out;
}
