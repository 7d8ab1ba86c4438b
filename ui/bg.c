/* bg.c - work that reads the whole books (the dashboard, the overdue
 * report) done by a process of its own, with its own handle on the store
 * like any clerk's process, so that the screen keeps answering keys; its
 * records come back through a pipe and are read when the screen is idle. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "backoffice/i18n.h"
#include "backoffice/store.h"
#include "backoffice/text.h"
#include "ui.h"

#define TRAILER 0xFFFFFFFFu

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int ui_bg_send(int fd, const void *rec, size_t n)
{
	uint32_t len = (uint32_t)n;

	return write_all(fd, &len, sizeof len) || write_all(fd, rec, n) ? -1 : 0;
}

static void stop_walking(int sig)
{
	(void)sig;
	store_stop_asked = 1;
}

/* The child: never returns, never touches the terminal. */
static void child(int fd, ui_bg_fn fn, void *arg, pid_t parent)
{
	struct bo_err e = BO_ERR_INIT;
	struct session ss;
	struct sigaction sa;
	uint32_t t = TRAILER;
	int32_t ok = 0;

	/* a reader that went away ends the work through EPIPE, cleanly: a
	 * process killed with the store open would make everyone recover */
	signal(SIGPIPE, SIG_IGN);
	/* but the dashboard writes once, at the end: when the screens that
	 * asked for it are gone (quit, or the SSH link dropped) it stops at
	 * its next record instead of reading the books to the end for no
	 * one (30 s at a million invoices), and closes the store cleanly */
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = stop_walking;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		store_stop_asked = 1;
	if (session_open(&ss, ui.dir, &e) == 0) {
		ok = fn(&ss, fd, arg, &e) == 0;
		session_close(&ss);
	}
	if (write_all(fd, &t, sizeof t) == 0 && write_all(fd, &ok, sizeof ok) == 0)
		write_all(fd, e.msg, strlen(e.msg) + 1);
	/* no atexit handlers: they would reset the parent's terminal */
	_exit(0);
}

int ui_bg_start(struct ui_bg *b, ui_bg_fn fn, void *arg)
{
	int fd[2];
	pid_t pid, parent = getpid();

	ui_bg_stop(b);
	memset(b, 0, sizeof *b);
	b->fd = -1;
	if (pipe(fd))
		return -1;
	if ((pid = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		close(fd[0]);
		child(fd[1], fn, arg, parent);
	}
	close(fd[1]);
	fcntl(fd[0], F_SETFL, O_NONBLOCK);
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	b->fd = fd[0];
	b->running = 1;
	return 0;
}

/* Splits what arrived into records, and the trailer once it is all in. */
static void parse(struct ui_bg *b)
{
	size_t at = b->parsed;

	while (b->len - at >= 4) {
		uint32_t n;

		memcpy(&n, b->buf + at, 4);
		if (n == TRAILER) {
			int32_t ok;

			if (b->len - at < 8 || !memchr(b->buf + at + 8, '\0', b->len - at - 8))
				break;
			memcpy(&ok, b->buf + at + 4, 4);
			b->ok = ok;
			text_copy(b->err, sizeof b->err, b->buf + at + 8);
			b->done = 1;
			break;
		}
		if (b->len - at - 4 < n)
			break;
		b->nrec++;
		at += 4 + n;
	}
	b->parsed = at;
}

int ui_bg_poll(struct ui_bg *b)
{
	char chunk[65536];
	ssize_t n;

	if (!b->running)
		return b->done;
	while ((n = read(b->fd, chunk, sizeof chunk)) > 0) {
		if (b->len + (size_t)n > b->cap) {
			size_t cap = b->cap ? b->cap : 65536;
			char *p;

			while (cap < b->len + (size_t)n)
				cap *= 2;
			if (!(p = realloc(b->buf, cap)))
				break;
			b->buf = p;
			b->cap = cap;
		}
		memcpy(b->buf + b->len, chunk, (size_t)n);
		b->len += (size_t)n;
	}
	parse(b);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) || b->done) {
		close(b->fd);
		b->fd = -1;
		b->running = 0;
		if (!b->done)
			text_copy(b->err, sizeof b->err, _("the computing process ended without an answer"));
		b->done = 1;
	}
	return b->done;
}

const void *ui_bg_next(const struct ui_bg *b, size_t *at, size_t *n)
{
	uint32_t len;

	if (*at + 4 > b->parsed)
		return NULL;
	memcpy(&len, b->buf + *at, 4);
	if (len == TRAILER)
		return NULL;
	*n = len;
	*at += 4 + len;
	return b->buf + *at - len;
}

void ui_bg_stop(struct ui_bg *b)
{
	if (b->running && b->fd >= 0)
		close(b->fd);
	free(b->buf);
	memset(b, 0, sizeof *b);
	b->fd = -1;
}
