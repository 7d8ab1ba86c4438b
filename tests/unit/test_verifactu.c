/* test_verifactu.c - the fingerprints of the registration records and the
 * events: the tax agency's own example, records of our own (a credit note
 * chained to it, an anulación), values trimmed, the text forms hashed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/qr.h"
#include "backoffice/qr_draw.h"
#include "backoffice/verifactu.h"

#define SPEC_HASH "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"

static void spec_alta(struct vf_record *r)
{
	memset(r, 0, sizeof *r);
	r->kind = VF_ALTA;
	strcpy(r->issuer_nif, "89890001K");
	strcpy(r->number, "12345678/G33");
	strcpy(r->issue_date, "01-01-2024");
	strcpy(r->type, "F1");
	strcpy(r->total_tax, "12.35");
	strcpy(r->total, "123.45");
	strcpy(r->timestamp, "2024-01-01T19:20:30+01:00");
}

static void test_spec_example(void **state)
{
	struct vf_record r;
	char *in;

	(void)state;
	spec_alta(&r);
	in = vf_record_hash_input(&r);
	assert_string_equal(in, "IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&"
	                        "FechaExpedicionFactura=01-01-2024&TipoFactura=F1&CuotaTotal=12.35&"
	                        "ImporteTotal=123.45&Huella=&"
	                        "FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00");
	free(in);
	vf_record_seal(&r);
	assert_string_equal(r.hash, SPEC_HASH);
	/* blanks around a value are not part of it */
	strcpy(r.number, "  12345678/G33 ");
	vf_record_seal(&r);
	assert_string_equal(r.hash, SPEC_HASH);
	/* any field changed changes the fingerprint */
	strcpy(r.total, "123.46");
	vf_record_seal(&r);
	assert_string_not_equal(r.hash, SPEC_HASH);
}

static void test_chain_of_our_own(void **state)
{
	struct vf_record cn, an;

	(void)state;
	/* a credit note chained to the example, hashes computed apart with
	 * Python's hashlib over the same strings */
	memset(&cn, 0, sizeof cn);
	cn.kind = VF_ALTA;
	strcpy(cn.issuer_nif, "B12345678");
	strcpy(cn.number, "R2026-000001");
	strcpy(cn.issue_date, "28-11-2026");
	strcpy(cn.type, "R1");
	vf_amount(-210, cn.total_tax, sizeof cn.total_tax);
	vf_amount(-1210, cn.total, sizeof cn.total);
	assert_string_equal(cn.total, "-12.10");
	strcpy(cn.prev_hash, SPEC_HASH);
	strcpy(cn.timestamp, "2026-11-28T10:00:00+00:00");
	vf_record_seal(&cn);
	assert_string_equal(cn.hash,
	                    "CFA909C0D0148EE1939BC73B561E1F3CA14AB6BBEA1BE8726DDAFC87C9B92611");
	/* an anulación hashes only the annulled invoice's id, the link and
	 * the time: type and amounts are not part of it */
	memset(&an, 0, sizeof an);
	an.kind = VF_ANULACION;
	strcpy(an.issuer_nif, "B12345678");
	strcpy(an.number, "F2026-000001");
	strcpy(an.issue_date, "27-11-2026");
	strcpy(an.type, "F1");
	strcpy(an.total, "999.99");
	strcpy(an.prev_hash, cn.hash);
	strcpy(an.timestamp, "2026-11-28T11:00:00+00:00");
	vf_record_seal(&an);
	assert_string_equal(an.hash,
	                    "4902BEE74FBA288294E3CA0D7D0CB8B10B9BE8BE030E017B7AA1591DD77D6D4E");
}

static void test_event(void **state)
{
	struct vf_event ev;

	(void)state;
	memset(&ev, 0, sizeof ev);
	strcpy(ev.nif, "B12345678");
	strcpy(ev.sw_id, "BO");
	strcpy(ev.sw_version, "0.1.0");
	strcpy(ev.kind, "start");
	strcpy(ev.user, "ana");
	strcpy(ev.detail, "command line");
	strcpy(ev.timestamp, "2026-11-28T09:00:00+01:00");
	vf_event_seal(&ev);
	assert_string_equal(ev.hash,
	                    "F527DE9FCE15040C38858C9AAB7A4468FAF737B31637394FB3C609625B3A30C2");
}

static void test_forms(void **state)
{
	char buf[40];
	int64_t t;

	(void)state;
	assert_string_equal(vf_amount(0, buf, sizeof buf), "0.00");
	assert_string_equal(vf_amount(5, buf, sizeof buf), "0.05");
	assert_string_equal(vf_amount(-5, buf, sizeof buf), "-0.05");
	assert_string_equal(vf_amount(12345, buf, sizeof buf), "123.45");
	assert_string_equal(vf_date(date_from_ymd(2024, 1, 1), buf, sizeof buf), "01-01-2024");
	assert_int_equal(vf_parse_timestamp("2024-01-01T19:20:30+01:00", &t), 0);
	assert_true(t == 1704133230);
	assert_int_equal(vf_parse_timestamp("2024-01-01T18:20:30+00:00", &t), 0);
	assert_true(t == 1704133230);
	assert_int_equal(vf_parse_timestamp("2024-01-01 18:20:30", &t), -1);
	assert_string_equal(vf_url_encode("F2026/0 1&x=ñ", buf, sizeof buf),
	                    "F2026%2F0%201%26x%3D%C3%B1");
	setenv("BACKOFFICE_NOW", "2026-11-28T10:00:00+01:00", 1);
	vf_now(buf, sizeof buf, &t);
	assert_string_equal(buf, "2026-11-28T10:00:00+01:00");
	unsetenv("BACKOFFICE_NOW");
	vf_now(buf, sizeof buf, &t);
	assert_int_equal(vf_parse_timestamp(buf, &t), 0);
}

#define URL "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?" \
	"nif=B12345674&numserie=F2026-000001&fecha=28-11-2026&importe=153.61"

/* The half blocks read back give the matrix, quiet zone light. */
static void test_half_blocks(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	struct qr q;
	char **lines;
	int n, quiet = 2;

	(void)state;
	assert_int_equal(qr_encode(URL, &q, &e), 0);
	assert_true(q.width >= 21 && (q.width - 17) % 4 == 0);
	n = qr_half_blocks(&q, quiet, &lines);
	assert_int_equal(n, (q.width + 2 * quiet + 1) / 2);
	for (int l = 0; l < n; l++) {
		const char *p = lines[l];

		for (int x = 0; x < q.width + 2 * quiet; x++) {
			int top, bot;

			/* U+2580 e2 96 80, U+2584 e2 96 84, U+2588 e2 96 88 */
			if (*p == ' ') {
				top = bot = 0;
				p++;
			} else {
				assert_memory_equal(p, "\xe2\x96", 2);
				top = p[2] == '\x80' || p[2] == '\x88';
				bot = p[2] == '\x84' || p[2] == '\x88';
				p += 3;
			}
			/* painted = light */
			assert_int_equal(top, !qr_dark(&q, x - quiet, 2 * l - quiet));
			if (2 * l + 1 < q.width + 2 * quiet)
				assert_int_equal(bot, !qr_dark(&q, x - quiet, 2 * l + 1 - quiet));
		}
		assert_int_equal(*p, '\0');
	}
	qr_lines_free(lines, n);
	qr_free(&q);
}

/* Drawn at 35 mm into a context whose unit is the point, scaled to 300
 * dpi: the centre of every module has the module's colour. */
static void test_cairo(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	double px_mm = 300 / 25.4, size = 35, at = 5;
	int side = (int)((size + 2 * at) * px_mm) + 1;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	cairo_t *cr = cairo_create(s);
	unsigned char *data;
	struct qr q;
	int stride;

	(void)state;
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_paint(cr);
	cairo_scale(cr, 300 / 72.0, 300 / 72.0);
	assert_int_equal(qr_draw_cairo(cr, URL, at, at, size, &e), 0);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	assert_int_equal(qr_encode(URL, &q, &e), 0);
	for (int y = -2; y < q.width + 2; y++)
		for (int x = -2; x < q.width + 2; x++) {
			int cx = (int)((at + (x + 0.5) * size / q.width) * px_mm);
			int cy = (int)((at + (y + 0.5) * size / q.width) * px_mm);
			uint32_t pix = *(uint32_t *)(data + cy * stride + cx * 4) & 0xffffff;

			/* dark modules black, light ones and the quiet zone white */
			assert_true(pix == (qr_dark(&q, x, y) ? 0u : 0xffffffu));
		}
	/* outside the quiet zone the page is untouched */
	assert_true((*(uint32_t *)data & 0xffffff) == 0x808080);
	assert_int_equal(qr_draw_cairo(cr, URL, 0, 0, 0, &e), -1);
	qr_free(&q);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_example),
		cmocka_unit_test(test_chain_of_our_own),
		cmocka_unit_test(test_event),
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_half_blocks),
		cmocka_unit_test(test_cairo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
