/* test_taxid.c - NIF, NIE and CIF check characters and normalisation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "backoffice/taxid.h"

typedef enum taxid_kind (*check_fn)(const char *, char *, size_t, struct bo_err *);

static void accepted(check_fn check, const char *s, enum taxid_kind kind, const char *norm)
{
	struct bo_err e = BO_ERR_INIT;
	char out[16];

	memset(out, '#', sizeof out);
	if (check(s, out, sizeof out, &e) != kind)
		fail_msg("check \"%s\": %s", s, e.msg);
	assert_string_equal(out, norm);
	assert_int_equal(check(s, NULL, 0, NULL), kind);
}

static void refused(check_fn check, const char *s, const char *why)
{
	struct bo_err e = BO_ERR_INIT;
	char out[16] = "untouched", want[300];

	assert_int_equal(check(s, out, sizeof out, &e), TAXID_INVALID);
	assert_string_equal(out, "");
	snprintf(want, sizeof want, "invalid tax id \"%s\": %s", s, why);
	assert_string_equal(e.msg, want);
	assert_int_equal(check(s, NULL, 0, NULL), TAXID_INVALID);
}

static void valid(const char *s, enum taxid_kind kind, const char *norm)
{
	accepted(taxid_check, s, kind, norm);
}

static void invalid(const char *s, const char *why)
{
	refused(taxid_check, s, why);
}

static void person_ok(const char *s, enum taxid_kind kind, const char *norm)
{
	accepted(taxid_check_person, s, kind, norm);
}

static void person_refused(const char *s, const char *why)
{
	refused(taxid_check_person, s, why);
}

static void test_nif_letter(void **state)
{
	static const char table[] = "TRWAGMYFPDXBNJZSQVHLCKE";
	unsigned long i;

	(void)state;
	for (i = 0; i < 23; i++) {
		assert_int_equal(taxid_nif_letter(i), table[i]);
		assert_int_equal(taxid_nif_letter(i + 23 * 4347826), table[i]);
	}
	assert_int_equal(taxid_nif_letter(12345678), 'Z');
	assert_int_equal(taxid_nif_letter(99999999), 'R');
	assert_int_equal(taxid_nif_letter(87654321), 'X');
}

static void test_nif(void **state)
{
	(void)state;
	valid("12345678Z", TAXID_NIF, "12345678Z");
	valid("12345678z", TAXID_NIF, "12345678Z");
	valid(" 12 345 678-z ", TAXID_NIF, "12345678Z");
	valid("00000000T", TAXID_NIF, "00000000T");
	valid("99999999R", TAXID_NIF, "99999999R");
	valid("87654321X", TAXID_NIF, "87654321X");
	valid("00000023T", TAXID_NIF, "00000023T");
	valid("00000022E", TAXID_NIF, "00000022E");
	invalid("12345678A", "wrong check letter");
	invalid("12345678Y", "wrong check letter");
	invalid("00000001T", "wrong check letter");
	invalid("123456789", "expected 8 digits and a letter");
	invalid("1234567ZZ", "expected 8 digits and a letter");
	invalid("1234567Z", "expected 9 characters");
	invalid("012345678Z", "expected 9 characters");
	invalid("12345678ZZ", "expected 9 characters");
	invalid("12345678.Z", "letters and digits only");
	invalid("12345678_Z", "letters and digits only");
	invalid("12345678\xC3\x91", "letters and digits only");
}

static void test_nie(void **state)
{
	(void)state;
	valid("X1234567L", TAXID_NIE, "X1234567L");
	valid("x-1234567-l", TAXID_NIE, "X1234567L");
	valid("Y1234567X", TAXID_NIE, "Y1234567X");
	valid("Z1234567R", TAXID_NIE, "Z1234567R");
	valid("X0000000T", TAXID_NIE, "X0000000T");
	valid("Y0000000Z", TAXID_NIE, "Y0000000Z");
	valid("Z0000000M", TAXID_NIE, "Z0000000M");
	valid("Z9999999H", TAXID_NIE, "Z9999999H");
	/* The same digits under another prefix need another letter. */
	invalid("X1234567X", "wrong check letter");
	invalid("Y1234567L", "wrong check letter");
	invalid("Z1234567L", "wrong check letter");
	invalid("X12345678", "expected X, Y or Z, 7 digits and a letter");
	invalid("XA234567L", "expected X, Y or Z, 7 digits and a letter");
	invalid("X123456L", "expected 9 characters");
}

/* Orden EHA/451/2008: K, L and M NIFs check like a DNI over their 7
 * digits; M1234567L is python-stdnum's published example. */
static void test_klm(void **state)
{
	(void)state;
	valid("K1234567L", TAXID_NIF, "K1234567L");
	valid("L1234567L", TAXID_NIF, "L1234567L");
	valid("M1234567L", TAXID_NIF, "M1234567L");
	valid("m-1234567-l", TAXID_NIF, "M1234567L");
	valid("K0000000T", TAXID_NIF, "K0000000T");
	valid("L9999999J", TAXID_NIF, "L9999999J");
	valid("M7654321J", TAXID_NIF, "M7654321J");
	valid("K0000023T", TAXID_NIF, "K0000023T");
	valid("K0000022E", TAXID_NIF, "K0000022E");
	invalid("K1234567Z", "wrong check letter");
	invalid("L1234567T", "wrong check letter");
	invalid("M1234567X", "wrong check letter");
	/* unlike a NIE, the leading letter adds nothing to the number */
	invalid("M0000000M", "wrong check letter");
	invalid("K12345678", "expected K, L or M, 7 digits and a letter");
	invalid("KA234567L", "expected K, L or M, 7 digits and a letter");
	invalid("K123456L", "expected 9 characters");
}

static void test_person(void **state)
{
	(void)state;
	person_ok("12345678z", TAXID_NIF, "12345678Z");
	person_ok("K1234567L", TAXID_NIF, "K1234567L");
	person_ok("x-1234567-l", TAXID_NIE, "X1234567L");
	person_ok("Z9999999H", TAXID_NIE, "Z9999999H");
	/* valid CIFs, every check form: still not a person's */
	person_refused("B12345674", "a person needs a NIF or NIE, not a company's CIF");
	person_refused("b-1234567-4", "a person needs a NIF or NIE, not a company's CIF");
	person_refused("Q2826000H", "a person needs a NIF or NIE, not a company's CIF");
	person_refused("G0000000J", "a person needs a NIF or NIE, not a company's CIF");
	/* the general reasons come through unchanged */
	person_refused("B12345675", "wrong check digit");
	person_refused("12345678A", "wrong check letter");
	person_refused("K1234567Z", "wrong check letter");
	person_refused("I12345674", "not a NIF, NIE or CIF");
	person_refused("", "empty");
}

static void test_cif_control(void **state)
{
	(void)state;
	assert_int_equal(taxid_cif_control('B', "1234567"), '4');
	assert_int_equal(taxid_cif_control('A', "5881850"), '1');
	assert_int_equal(taxid_cif_control('Q', "2826000"), 'H');
	assert_int_equal(taxid_cif_control('q', "2826000"), 'H');
	assert_int_equal(taxid_cif_control('P', "0800000"), 'B');
	assert_int_equal(taxid_cif_control('N', "0012345"), 'E');
	assert_int_equal(taxid_cif_control('S', "2800000"), 'H');
	assert_int_equal(taxid_cif_control('W', "1234567"), 'D');
	assert_int_equal(taxid_cif_control('G', "0000000"), '0');
	assert_int_equal(taxid_cif_control('U', "1111111"), '9');
	assert_int_equal(taxid_cif_control('R', "1000000"), 'H');
	assert_int_equal(taxid_cif_control('I', "1234567"), '\0');
	assert_int_equal(taxid_cif_control('X', "1234567"), '\0');
	assert_int_equal(taxid_cif_control('\0', "1234567"), '\0');
	assert_int_equal(taxid_cif_control('B', "12345A7"), '\0');
}

static void test_cif(void **state)
{
	(void)state;
	/* A58818501 and Q2826000H are real, widely published CIFs; the others
	 * were computed with the standard algorithm outside this code. */
	valid("A58818501", TAXID_CIF, "A58818501");
	valid("Q2826000H", TAXID_CIF, "Q2826000H");
	valid("b-12345674", TAXID_CIF, "B12345674");
	valid("B 1234567 4", TAXID_CIF, "B12345674");
	valid("E00000000", TAXID_CIF, "E00000000");
	valid("H12345674", TAXID_CIF, "H12345674");
	valid("N0012345E", TAXID_CIF, "N0012345E");
	valid("P0800000B", TAXID_CIF, "P0800000B");
	valid("R1000000H", TAXID_CIF, "R1000000H");
	valid("S2800000H", TAXID_CIF, "S2800000H");
	valid("W1234567D", TAXID_CIF, "W1234567D");
	/* C D F G J U V take the digit or the letter. */
	valid("C76543214", TAXID_CIF, "C76543214");
	valid("C7654321D", TAXID_CIF, "C7654321D");
	valid("D55555551", TAXID_CIF, "D55555551");
	valid("D5555555A", TAXID_CIF, "D5555555A");
	valid("F33333337", TAXID_CIF, "F33333337");
	valid("G00000000", TAXID_CIF, "G00000000");
	valid("G0000000J", TAXID_CIF, "G0000000J");
	valid("J9999999G", TAXID_CIF, "J9999999G");
	valid("U11111119", TAXID_CIF, "U11111119");
	valid("V0000001H", TAXID_CIF, "V0000001H");
	valid("V00000018", TAXID_CIF, "V00000018");

	invalid("B12345675", "wrong check digit");
	invalid("A58818502", "wrong check digit");
	/* Right value, wrong form for the organisation type. */
	invalid("B1234567D", "wrong check digit");
	invalid("A5881850A", "wrong check digit");
	invalid("H1234567D", "wrong check digit");
	invalid("E0000000J", "wrong check digit");
	invalid("Q28260008", "wrong check letter");
	invalid("S28000008", "wrong check letter");
	invalid("Q2826000J", "wrong check letter");
	invalid("G00000001", "wrong check character");
	invalid("G0000000A", "wrong check character");
	invalid("B1234567", "expected 9 characters");
	invalid("B1234567A4", "expected 9 characters");
	invalid("BA2345674", "expected a letter, 7 digits and a check character");
}

static void test_other_invalid(void **state)
{
	struct bo_err e = BO_ERR_INIT;
	char small[4] = "abc";

	(void)state;
	invalid("", "empty");
	invalid(" - ", "empty");
	invalid("I12345674", "not a NIF, NIE or CIF");
	invalid("O1234567L", "not a NIF, NIE or CIF");
	invalid("T12345678", "not a NIF, NIE or CIF");
	invalid("12345678Z\n", "letters and digits only");
	invalid("ES12345678Z", "expected 9 characters");
	invalid("1234567890123456789012345678901234567890", "expected 9 characters");
	/* A buffer below the documented 10 bytes is never overrun. */
	assert_int_equal(taxid_check("12345678Z", small, sizeof small, &e), TAXID_NIF);
	assert_string_equal(small, "");
}

/* Customers: another EU country's VAT number by its shape, a Spanish id
 * as before (with or without "ES"). */
static void test_eu_vat(void **state)
{
	(void)state;
	accepted(taxid_check_eu, "DE123456789", TAXID_EU_VAT, "DE123456789");
	accepted(taxid_check_eu, "de 123 456 789", TAXID_EU_VAT, "DE123456789");
	accepted(taxid_check_eu, "ATU12345678", TAXID_EU_VAT, "ATU12345678");
	accepted(taxid_check_eu, "NL123456789B01", TAXID_EU_VAT, "NL123456789B01");
	accepted(taxid_check_eu, "FR1A123456789", TAXID_EU_VAT, "FR1A123456789");
	accepted(taxid_check_eu, "IE1234567WA", TAXID_EU_VAT, "IE1234567WA");
	accepted(taxid_check_eu, "EL123456789", TAXID_EU_VAT, "EL123456789");
	accepted(taxid_check_eu, "ES12345678Z", TAXID_NIF, "12345678Z");
	accepted(taxid_check_eu, "B12345674", TAXID_CIF, "B12345674");
	refused(taxid_check_eu, "DE12345678", "not the shape of a VAT number of DE");
	refused(taxid_check_eu, "ATU1234567", "not the shape of a VAT number of AT");
	refused(taxid_check_eu, "NL123456789X01", "not the shape of a VAT number of NL");
	refused(taxid_check_eu, "US123456789", "US is not an EU country prefix");
	refused(taxid_check_eu, "GR123456789", "GR is not an EU country prefix");
	assert_true(taxid_is_eu("DE123456789"));
	assert_false(taxid_is_eu("12345678Z"));
	assert_false(taxid_is_eu("B12345674"));
	assert_false(taxid_is_eu("X1234567L"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nif_letter),
		cmocka_unit_test(test_nif),
		cmocka_unit_test(test_nie),
		cmocka_unit_test(test_klm),
		cmocka_unit_test(test_person),
		cmocka_unit_test(test_cif_control),
		cmocka_unit_test(test_cif),
		cmocka_unit_test(test_other_invalid),
		cmocka_unit_test(test_eu_vat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
