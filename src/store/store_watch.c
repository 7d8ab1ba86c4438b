/* store_watch.c - run a transaction body on a helper thread and give it
 * up if it waits on a process that died (store_watch.h says why). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_lock.h"
#include "store_watch.h"

int store_watch_seconds;

/* Berkeley DB's registry (DB_REGISTER): one 25-byte line per process
 * with the environment open, "X ... 0" when free, and the owner holding an
 * fcntl lock on the line's first byte for as long as it lives. */
#define REG_FILE "__db.register"
#define REG_LINE 25

/* Gone, or a zombie its parent has not reaped yet (killed all the same). */
int store_pid_gone(long pid)
{
	char p[64], stat[256], *paren;
	ssize_t n;
	int fd;

	if (kill((pid_t)pid, 0) == -1 && errno == ESRCH)
		return 1;
	snprintf(p, sizeof p, "/proc/%ld/stat", pid);
	if ((fd = open(p, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, stat, sizeof stat - 1);
	close(fd);
	if (n <= 0)
		return 0;
	stat[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')' */
	paren = strrchr(stat, ')');
	return paren && paren[1] == ' ' && paren[2] == 'Z';
}

/* The pid a registry line holds: 0 for a free slot, -1 for a line that
 * does not read as one. */
static long slot_pid(const char *line)
{
	char *end;
	long pid;

	if (line[0] == 'X')
		return 0;
	errno = 0;
	pid = strtol(line, &end, 10);
	return errno || end == line || pid <= 0 ? -1 : pid;
}

static int line_is_dead(int fd, const char *line, off_t at)
{
	struct flock fl;
	long pid = slot_pid(line);

	if (pid <= 0 || pid == (long)getpid())
		return 0;   /* our own locks never show to F_GETLK */
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = at;
	fl.l_len = 1;
	/* a slot is briefly unlocked while its process registers or leaves:
	 * only a process that is gone is dead */
	return fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK && store_pid_gone(pid);
}

/* Closing any descriptor of a file drops every fcntl lock the process
 * holds on it, our own registry slot's included (the others would take us
 * for dead and recover under us): the registry stays open for the life of
 * the process, and is opened again only when it is another file. */
static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static int reg_fd = -1;

static int registry_fd(const char *path)
{
	struct stat now, held;

	if (stat(path, &now))
		return -1;
	if (reg_fd >= 0 && fstat(reg_fd, &held) == 0 && held.st_dev == now.st_dev &&
	    held.st_ino == now.st_ino)
		return reg_fd;
	/* the old one is another file (another store, or one recovery
	 * replaced): closing it drops no lock of ours on this one */
	if (reg_fd >= 0)
		close(reg_fd);
	return reg_fd = open(path, O_RDONLY | O_CLOEXEC);
}

/* The first region file: a recovery removes the regions and makes new
 * ones, while ours stay mapped (so the new file never has our inode). */
#define REGION_FILE "__db.001"

static int region_stat(const struct store *s, struct stat *st)
{
	char p[1200];

	if (snprintf(p, sizeof p, "%s/%s", s->dir, REGION_FILE) >= (int)sizeof p)
		return -1;
	return stat(p, st);
}

void store_region_note(struct store *s)
{
	struct stat st;

	if (region_stat(s, &st) == 0) {
		s->region_dev = st.st_dev;
		s->region_ino = st.st_ino;
	}
}

/* 1 when hit says so of a line of the environment's registry, 0 when of
 * none, -1 when the registry cannot be read. */
static int registry_any(struct store *s, int (*hit)(int fd, const char *line, off_t at))
{
	char p[1200], line[REG_LINE + 1];
	int fd, found = 0;

	if (snprintf(p, sizeof p, "%s/%s", s->dir, REG_FILE) >= (int)sizeof p)
		return -1;
	pthread_mutex_lock(&reg_mu);
	if ((fd = registry_fd(p)) < 0)
		found = -1;
	else
		for (off_t at = 0; !found && pread(fd, line, REG_LINE, at) == REG_LINE; at += REG_LINE) {
			line[REG_LINE] = '\0';
			found = hit(fd, line, at);
		}
	pthread_mutex_unlock(&reg_mu);
	return found;
}

/* The environment's region says it is panicked: Berkeley DB's open that
 * finds a dead process in the registry marks the region so and clears the
 * registry (env_register.c) before anyone has recovered, and an open
 * outside the gate that did so leaves the recovery to the gate. Read from
 * the file, whose pages are the shared memory: the region's first fields,
 * its magic number and the panic flag, are the same in every release
 * (region.h: "must never change in order"). */
#define REGION_MAGIC 0x120897u

int store_region_panicked(const struct store *s)
{
	char p[1200];
	uint32_t head[2];
	int fd, panicked = 0;

	if (snprintf(p, sizeof p, "%s/%s", s->dir, REGION_FILE) >= (int)sizeof p)
		return 0;
	if ((fd = open(p, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head && head[0] == REGION_MAGIC)
		panicked = head[1] != 0;
	close(fd);
	return panicked;
}

int store_env_stale(struct store *s)
{
	struct stat st;

	/* A recovery by another process panics the region we still use and
	 * clears the registry: only the region file shows it. */
	if (s->env && s->region_ino &&
	    (region_stat(s, &st) || st.st_ino != s->region_ino || st.st_dev != s->region_dev))
		return 1;
	return store_region_panicked(s);
}

int store_env_has_dead(struct store *s)
{
	return store_env_stale(s) || registry_any(s, line_is_dead) == 1;
}

/* Berkeley DB's free line, and the byte of the registry its opens lock
 * while they read and write it (env_register.c: PID_EMPTY, the exclusive
 * lock at byte 1). */
static const char reg_free[REG_LINE + 1] = "X                      0\n";
#define REG_EXCL_AT 1

void store_registry_forget(struct store *s)
{
	char p[1200], line[REG_LINE];
	long me = (long)getpid();
	struct flock fl;
	int fd;

	if (snprintf(p, sizeof p, "%s/%s", s->dir, REG_FILE) >= (int)sizeof p)
		return;
	pthread_mutex_lock(&reg_mu);
	if ((fd = open(p, O_RDWR | O_CLOEXEC)) >= 0) {
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = REG_EXCL_AT;
		fl.l_len = 1;
		/* ours already when the handle left waiting holds it */
		while (fcntl(fd, F_SETLKW, &fl) && errno == EINTR)
			;
		for (off_t at = 0; pread(fd, line, REG_LINE, at) == REG_LINE; at += REG_LINE)
			if (slot_pid(line) == me && pwrite(fd, reg_free, REG_LINE, at) != REG_LINE)
				store_log(s, "free our line of the registry: %s", bo_strerror(errno));
		/* closing a descriptor of the file drops every lock this
		 * process holds on it: the exclusive byte and the left
		 * handle's line (it has no other handle here) */
		close(fd);
		/* reg_fd stays open, holding no lock: nothing more to drop */
	}
	pthread_mutex_unlock(&reg_mu);
}

/* A line of another process (one we cannot read counts as another's). */
static int line_not_ours(int fd, const char *line, off_t at)
{
	long pid = slot_pid(line);

	(void)fd;
	(void)at;
	return pid != 0 && pid != (long)getpid();
}

int store_env_alone(struct store *s)
{
	return registry_any(s, line_not_ours) == 0;
}

/* A body handed to the helper and its result handed back cost two
 * wake-ups of a sleeping thread: on this 2-core VM about 90 us each, when
 * an invoice's reads take 20-60 us in all (issue 11: `invoice show` in one
 * process 200 us with the handoffs, 21 us run on the caller). So each
 * side first watches the other for a while, as an adaptive mutex does,
 * and sleeps when the wait is long: the caller while the body runs, the
 * helper until the next transaction comes. Each side spins for about
 * twice its last wait, and not at all when that wait was long, so a
 * command whose transactions end in a commit's fsync, or a screen idle
 * between keys, keeps its core for the others (writers at 2 and 4 clerks
 * lost 10-15 % to spinning 100 us on every wait). */
#define SPIN_MAX_NS 200000LL

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* How long to spin after a last wait of last_ns: 0 when it was long. */
static long long spin_budget(long long last_ns)
{
	return last_ns < SPIN_MAX_NS ? 2 * last_ns + 10000 : 0;
}

/* Until *flag is non-zero (1) or ns have gone by (0). Each turn yields:
 * with more clerks than cores the core goes to one who has work, and on
 * an idle machine the yield comes straight back. */
static int spin_for(const int *flag, long long ns)
{
	long long until = now_ns() + ns;

	for (;;) {
		if (__atomic_load_n(flag, __ATOMIC_ACQUIRE))
			return 1;
		if (ns <= 0 || now_ns() >= until)
			return 0;
		sched_yield();
	}
}

struct job {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done, ret, refs;
	struct store *s;
	store_watch_fn fn;
	void *arg;
	struct bo_err e;
};

static void job_unref(struct job *j)
{
	int last;

	pthread_mutex_lock(&j->mu);
	last = --j->refs == 0;
	pthread_mutex_unlock(&j->mu);
	if (last) {
		pthread_cond_destroy(&j->cv);
		pthread_mutex_destroy(&j->mu);
		free(j);
	}
}

/* Each thread that runs transactions has one helper, made on its first
 * and kept for the next: a thread made per transaction cost more than the
 * read it ran (issue 11: an invoice shown in-process took 160-220 us,
 * most of it making threads, their stacks and the page-table work). A
 * helper given up is left to its wait and a new one made; one whose
 * thread ends is told to quit (a pthread key's destructor). A fork's child
 * has none: only the forking thread crosses, so it starts afresh. */
struct worker {
	pthread_mutex_t mu;
	pthread_cond_t cv;      /* a job posted, or quit */
	struct job *job;        /* the job to run, NULL when idle */
	int posted;             /* job is set: what the helper spins on */
	int quit;
	long long idle_ns;      /* the helper's last wait for a job */
};

static _Thread_local struct worker *mine;
static pthread_key_t worker_key;
static pthread_once_t worker_once = PTHREAD_ONCE_INIT;

static void job_run(struct job *j)
{
	int ret = j->fn(j->s, j->arg, &j->e);

	pthread_mutex_lock(&j->mu);
	j->ret = ret;
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	job_unref(j);
}

static void *worker_run(void *p)
{
	struct worker *w = p;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct job *j;

		while (!w->job && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!(j = w->job))
			break;
		/* taken before it runs: the next may be posted once it is done */
		w->job = NULL;
		__atomic_store_n(&w->posted, 0, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&w->mu);
		job_run(j);
		long long done = now_ns();

		/* a caller's next transaction often follows at once */
		spin_for(&w->posted, spin_budget(w->idle_ns));
		pthread_mutex_lock(&w->mu);
		while (!w->job && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		w->idle_ns = now_ns() - done;
		if (w->quit)
			break;
	}
	pthread_mutex_unlock(&w->mu);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w);
	return NULL;
}

/* The helper lets go: it ends once it is idle (at once, or when the job
 * it was given up in comes back). The caller forgets it. */
static void worker_quit(void *p)
{
	struct worker *w = p;

	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

static void forget_in_child(void)
{
	mine = NULL;
}

static void worker_setup(void)
{
	pthread_key_create(&worker_key, worker_quit);
	pthread_atfork(NULL, NULL, forget_in_child);
}

static struct worker *worker_get(void)
{
	struct worker *w;
	pthread_attr_t ta;
	sigset_t all, old;
	pthread_t t;
	int r;

	if (mine)
		return mine;
	pthread_once(&worker_once, worker_setup);
	if (!(w = calloc(1, sizeof *w)))
		return NULL;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	pthread_attr_init(&ta);
	pthread_attr_setdetachstate(&ta, PTHREAD_CREATE_DETACHED);
	/* signals (SIGWINCH, SIGTERM, SIGHUP) stay with the calling thread */
	sigfillset(&all);
	/* but not a fault of its own (a region page a full disk cannot back):
	 * blocked, the kernel kills with no word and the terminal stays raw */
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&t, &ta, worker_run, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&ta);
	if (r) {
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return NULL;
	}
	mine = w;
	pthread_setspecific(worker_key, w);
	return w;
}

/* Wait up to secs for the body; 1 once it is done. Called with j->mu. */
static int job_wait(struct job *j, int secs)
{
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += secs;
	while (!j->done)
		if (pthread_cond_timedwait(&j->cv, &j->mu, &until) == ETIMEDOUT)
			break;
	return j->done;
}

/* Hands j to this thread's helper: 0, or -1 when there is none to be had. */
static int job_start(struct job *j)
{
	struct worker *w = worker_get();
	pthread_condattr_t ca;

	if (!w)
		return -1;
	pthread_mutex_init(&j->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->cv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_lock(&w->mu);
	w->job = j;
	__atomic_store_n(&w->posted, 1, __ATOMIC_RELEASE);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return 0;
}

/* How long this thread's last body took, handoffs included. */
static _Thread_local long long body_ns;

int store_watch_body(struct store *s, store_watch_fn fn, void *arg, struct bo_err *e)
{
	struct job *j;
	int ret, waited = 0, strikes = 0;
	long long t0 = now_ns();

	if (store_watch_seconds <= 0 || !(j = calloc(1, sizeof *j)))
		return fn(s, arg, e);
	j->refs = 2;
	j->s = s;
	j->fn = fn;
	j->arg = arg;
	j->e = *e;
	if (job_start(j)) {
		free(j);
		return fn(s, arg, e);
	}
	/* not holding j->mu: the helper takes it to say it is done */
	spin_for(&j->done, spin_budget(body_ns));
	pthread_mutex_lock(&j->mu);
	while (!job_wait(j, 1)) {
		int sure;

		/* a slow body is left alone; only one that waits while a dead
		 * process is in the environment, twice in a row, is given up.
		 * A writer dead inside the gate holds its locks until a
		 * recovery, and a panicked region is one coming: no body that
		 * waits then is only slow (one that opened outside the gate
		 * may be what keeps it waiting), so those count at once */
		pthread_mutex_unlock(&j->mu);
		sure = store_gate_dead_pid(s) || store_region_panicked(s);
		if (++waited >= store_watch_seconds || sure)
			strikes = sure || store_env_has_dead(s) ? strikes + 1 : 0;
		pthread_mutex_lock(&j->mu);
		if (strikes < 2 || job_wait(j, 0))
			continue;
		pthread_mutex_unlock(&j->mu);
		store_log(s, "a transaction waited %d s while a dead process held the environment: giving it up", waited);
		/* a body that is only slow returns DB_RUNRECOVERY at its next call */
		if (s->env)     /* none while the environment itself opens */
			s->env->set_flags(s->env, DB_PANIC_ENVIRONMENT, 1);
		pthread_mutex_lock(&j->mu);
		if (job_wait(j, 2))
			break;
		pthread_mutex_unlock(&j->mu);
		/* it waits on a mutex no one will free: leave it there, and
		 * the next transaction gets a helper of its own */
		worker_quit(mine);
		mine = NULL;
		pthread_setspecific(worker_key, NULL);
		job_unref(j);
		return STORE_LOST;
	}
	ret = j->ret;
	*e = j->e;
	pthread_mutex_unlock(&j->mu);
	job_unref(j);
	body_ns = now_ns() - t0;
	return ret;
}
