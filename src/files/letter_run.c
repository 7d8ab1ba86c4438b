/* letter_run.c - what a dunning run does for one customer, the same for
 * the command line (dunning run) and the screens (D on Overdue): check
 * the folder the letters go to, write the letter, then record it. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backoffice/clerk.h"
#include "backoffice/i18n.h"
#include "backoffice/letter.h"

int letter_dir_check(const char *dir, const char *datadir, struct bo_err *e)
{
	const char *what = _("dunning run");
	struct stat sb;

	if (stat(dir, &sb) || !S_ISDIR(sb.st_mode))
		return bo_failc(e, BO_ENOTFOUND, _("%s: \"%s\" is not a folder"), what, dir);
	if (datadir && clerk_path_inside(dir, datadir))
		return bo_failc(e, BO_EINVAL, _("%s: \"%s\" is in the data directory"), what, dir);
	return 0;
}

int letter_run(struct session *ss, const struct dunning_proposal *p, const char *dir, char *txt,
               char *pdf, size_t n, uint64_t *id, struct bo_err *e)
{
	if (p->rates_missing)
		return dunning_rates_missing(p, e);
	if (letter_write(ss, p, dir, txt, pdf, n, e))
		return -1;
	/* recorded only once the letter exists; a letter another run
	 * recorded first is not kept */
	if (dunning_record(ss, p, id, e)) {
		unlink(txt);
		unlink(pdf);
		return -1;
	}
	return 0;
}
