/* test_import.c - CSV imports into a real store and exports back through
 * the CSV sink (run under the sanitizers too): the same text comes out,
 * and a bad row leaves nothing behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/export.h"
#include "backoffice/import.h"
#include "fixture.h"

static char dir[64], file[96];
static struct session ss;

static const char customers[] =
	"id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes\n"
	"1,\"Peñalver, José \"\"Pepe\"\"\",12345678Z,,,,30,5000.00,\n"
	"2,\"'=SUM(A1)\",B12345674,,,\"'+34 600 111 222\",0,0.00,\"''nota\"\n";

/* the file above has the columns of before the structured address: the
 * newer ones take their defaults and come back in the export */
static const char customers_out[] =
	"id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes,street,postcode,city,province,country,invoice_email,language,kind\n"
	"1,\"Peñalver, José \"\"Pepe\"\"\",12345678Z,,,,30,5000.00,,,,,,,,es,company\n"
	"2,\"'=SUM(A1)\",B12345674,,,\"'+34 600 111 222\",0,0.00,\"''nota\",,,,,,,es,company\n";

static const char items[] =
	"sku,description,unit,price,cost,vat_rate,on_hand,reorder_level,location\n"
	"TOR,\"Tornillo, M6\",ud,0.35,0.10,21,100,10,A-1\n";
static const char items_out[] =
	"sku,description,unit,price,cost,vat_rate,on_hand,reorder_level,location,kind\n"
	"TOR,\"Tornillo, M6\",ud,0.35,0.10,21,100,10,A-1,goods\n";

static const char lines[] =
	"number,customer_id,issue_date,due_date,status,corrects,line,sku,description,quantity,unit_price,discount_pct,vat_rate,base,vat\n"
	"F2026-000001,1,2026-10-01,2026-10-31,partial,,1,TOR,\"Tornillo, M6\",10,0.35,0,21,3.50,0.74\n"
	"F2026-000001,1,2026-10-01,2026-10-31,partial,,2,,Portes,1,12.00,12.5,10,10.50,1.05\n"
	"F2026-000002,2,2026-11-01,2026-11-01,issued,,1,,Servicio,1,100.00,0,21,100.00,21.00\n"
	"R2026-000001,1,2026-11-05,2026-11-05,issued,F2026-000001,1,TOR,\"Tornillo, M6\",-2,0.35,0,21,-0.70,-0.15\n"
	",2,,,draft,,1,,Borrador,2,5.00,0,4,10.00,0.40\n";

/* the lines above, in the columns of today: the grounds and the credit
 * note's type taken as before they were recorded (exempt, R1) */
static const char lines_out[] =
	"number,customer_id,issue_date,due_date,status,corrects,line,sku,description,quantity,unit_price,discount_pct,vat_rate,base,vat,exemption,amount_of,corrective_type,reason,operation_date\n"
	"F2026-000001,1,2026-10-01,2026-10-31,partial,,1,TOR,\"Tornillo, M6\",10,0.35,0,21,3.50,0.74,,,,,\n"
	"F2026-000001,1,2026-10-01,2026-10-31,partial,,2,,Portes,1,12.00,12.5,10,10.50,1.05,,,,,\n"
	"F2026-000002,2,2026-11-01,2026-11-01,issued,,1,,Servicio,1,100.00,0,21,100.00,21.00,,,,,\n"
	"R2026-000001,1,2026-11-05,2026-11-05,issued,F2026-000001,1,TOR,\"Tornillo, M6\",-2,0.35,0,21,-0.70,-0.15,,,R1,,\n"
	",2,,,draft,,1,,Borrador,2,5.00,0,4,10.00,0.40,,,,,\n";

static const char payments[] =
	"id,invoice,date,amount,method,reference\n"
	"1,F2026-000001,2026-10-15,5.00,cash,\"recibo, 1\"\n"
	"2,F2026-000002,2026-11-02,10.00,card,\n"
	"3,F2026-000002,2026-11-03,-10.00,card,\n";

static const char *put(const char *name, const char *data)
{
	FILE *f;

	snprintf(file, sizeof file, "%.60s/../%s", dir, name);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs(data, f);
	assert_int_equal(fclose(f), 0);
	return file;
}

static char *export_text(const char *table)
{
	struct bo_err e = BO_ERR_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct sink s;

	assert_non_null(f);
	csv_sink_init(&s, f);
	if (export_table(&ss, table, NULL, &s, &e))
		fail_msg("export %s: %s", table, e.msg);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void import_ok(const char *table, const char *name, const char *data, long want)
{
	struct bo_err e = BO_ERR_INIT;
	long rows = -1;

	if (import_csv(&ss, table, put(name, data), &rows, &e))
		fail_msg("import %s: %s", table, e.msg);
	assert_int_equal(rows, want);
}

static int setup(void **state)
{
	(void)state;
	setenv("BACKOFFICE_TODAY", "2026-11-28", 1);
	return fixture_open(&ss, dir, sizeof dir, "import", fixture_company, "Prueba S.L.");
}

static int teardown(void **state)
{
	(void)state;
	return fixture_close(&ss, dir);
}

static void test_round_trip(void **state)
{
	char *out;

	(void)state;
	import_ok("customers", "customers.csv", customers, 2);
	import_ok("items", "items.csv", items, 1);
	import_ok("invoices", "lines.csv", lines, 4);
	import_ok("payments", "payments.csv", payments, 3);
	out = export_text("customers");
	assert_string_equal(out, customers_out);
	free(out);
	out = export_text("items");
	assert_string_equal(out, items_out);
	free(out);
	out = export_text("lines");
	assert_string_equal(out, lines_out);
	free(out);
	out = export_text("payments");
	assert_string_equal(out, payments);
	free(out);
	/* on hand became one opening movement (the user is whoever runs this) */
	out = export_text("moves");
	{
		static const char want[] = "item,date,kind,quantity,reference,user,reason\n"
		                           "TOR,2026-11-28,adjustment,100,import,";
		int same = strncmp(out, want, sizeof want - 1) == 0;

		free(out);
		assert_true(same);
	}
}

static void test_invoices_file(void **state)
{
	char *out;

	(void)state;
	out = export_text("invoices");
	assert_non_null(strstr(out, "\nF2026-000001,F,1,\"Peñalver, José \"\"Pepe\"\"\",2026-10-01,"
	                            "2026-10-31,partial,14.00,1.79,15.79,5.00,0.85,9.94,,,,\n"));
	assert_non_null(strstr(out, "\nR2026-000001,R,1,"));
	assert_non_null(strstr(out, ",-0.70,-0.15,-0.85,0.00,0.00,0.00,F2026-000001,R1,,\n"));
	free(out);
}

static void bad(const char *table, const char *data, const char *want)
{
	struct bo_err e = BO_ERR_INIT;
	long rows = -1;
	char *before = export_text("customers"), *after;

	assert_int_equal(import_csv(&ss, table, put("bad.csv", data), &rows, &e), -1);
	if (!strstr(e.msg, want))
		fail_msg("error \"%s\" lacks \"%s\"", e.msg, want);
	assert_int_equal(rows, 0);
	after = export_text("customers");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_bad_rows(void **state)
{
	(void)state;
	bad("customers", "id,name,nif,address,email,phone,payment_terms_days,credit_limit,notes\n"
	    "7,Nueva,B12345674,,,,0,0,\n"
	    "8,Mala,12345678A,,,,0,0,\n", "bad.csv:3: nif: ");
	bad("customers", "id,name\n1,x\n", "bad.csv:1: header: missing column");
	bad("customers", "", "empty file");
	bad("invoices", "number,customer_id,issue_date,due_date,status,corrects,line,sku,description,quantity,unit_price,discount_pct,vat_rate,base,vat\n"
	    "F2026-000003,1,2026-11-10,,issued,,1,NOPE,X,1,1.00,0,21,,\n", "bad.csv:2: sku: no such item");
	bad("nothing", "", "expected staff, customers");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_invoices_file),
		cmocka_unit_test(test_bad_rows),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
