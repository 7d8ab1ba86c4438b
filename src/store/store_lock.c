/* store_lock.c - the open lock and the writer gate, both flock(2)s, which
 * the kernel releases when their process dies however it dies.
 *
 * THE WRITERS' SCHEME: the gate, one write transaction at a time in the
 * whole store (processes by the flock, threads by write_mu), from begin to
 * commit. Nothing beneath it: no deadlock detector, no lock timeout, no
 * deadlock retries, since two writers never hold page locks at once
 * (readers run under snapshot isolation and take no read locks). Chosen
 * over Berkeley DB's page locking (no gate, set_lk_detect, retries, and
 * failchk to find dead clerks) on these measurements (issue 9):
 *
 * - Crashes. A clerk killed inside Berkeley DB (put, commit, its fsync:
 *   where 94 of 95 kills of a durable writer land) leaves its locks and
 *   mutexes held, and nothing in 5.3 wakes a process already waiting on
 *   them: failchk only says DB_RUNRECOVERY, and itself blocks for ever
 *   when the dead one held a region mutex (/work/scratch-failchk, fc.c:
 *   survivor hung 79 of 80 commit-kill rounds in every failchk mode;
 *   failchk cleans a death *outside* the library in ~55 ms, 180 of 180).
 *   Without the gate, a survivor blocked in its own commit (the log flush
 *   mutex) could only be given up by running the commit on the watched
 *   helper, and a commit given up half done can be neither run again nor
 *   reported as failed (94 of 95 in-flight commits of a killed writer did
 *   land). With the gate, survivors wait on the flock, never on the dead
 *   one's mutexes: the kernel drops it at the death, and the next writer
 *   finds the dead pid stamped in the gate file and recovers at once,
 *   before touching the environment. So no survivor waits on a detector:
 *   `BACKOFFICE=... tests/bench/writers_crash.sh 0 8`: two clerks issue
 *   invoices in loops, one's process is killed while inside a write (its
 *   pid in the gate file), and the other's slowest invoice of the round is
 *   its wait; the old and new binaries run alternately on this 2-core
 *   machine under load ~20 (2 runs each, 14 rounds, 11 kills in a write):
 *   before (gate shared by a process's threads, detector, lock timeout and
 *   deadlock retries beneath): 160-294 ms, a normal invoice 29-37 ms;
 *   after (this scheme): 47-299 ms, a normal invoice 30-41 ms.
 *   The same mechanism, so the same wait: one recovery, no detector tick.
 * - Throughput (scratch-failchk bench.c, 300 durable txns a writer,
 *   median writes/s at 1/2/4/8 writers): on the shared counter (issuing
 *   invoices) the gate and page locks are equal, both one commit at a time
 *   as the counter's lock is held through the fsync: gate 319/487/623/1161,
 *   locks 390/478/499/431. On independent inserts page locks win by group
 *   commit: gate 328/324/558/1129, locks 291/969/2960/7265. But a clerk's
 *   write is a process or a screen action costing ~20-150 ms (open, check,
 *   indexes, audit) of which the commit's fsync is 2-4 ms. End to end,
 *   `BACKOFFICE=... tests/bench/writers_crash.sh 15 0` (each of 1/2/4/8
 *   clerks runs 15 `customer add` or `invoice create`, one process each;
 *   old and new binaries alternately, 2 runs each), writes a second:
 *     customer add  before 20/23/32/30, 14/21/22/29
 *                   after  70/82/80/83, 21/32/84/64
 *     invoice       before 17/23/38/58, 15/22/31/28
 *                   after  73/27/42/24, 30/35/49/54
 *   Process start and open dominate; the load (~20 on 2 cores) makes the
 *   spread. The gate is no bottleneck at this rate, and serialising a
 *   process's threads too costs nothing here (a command has one writer).
 *
 * What page locking would buy is 3-6x on bursts of independent writes by
 * many clerks at once; what it would cost is a hang, or a commit of unknown
 * outcome, for every clerk that shares a dead writer's locks. The lock
 * sizing in DB_CONFIG stays: it is for one large transaction (an
 * import is one), not for many writers. */
#define _GNU_SOURCE             /* F_OFD_SETLKW */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store_files.h"
#include "store_lock.h"
#include "store_watch.h"

#define LOCK_WAIT_MS 30000

static int open_in(const char *dir, const char *name, int *fd, struct bo_err *e)
{
	return store_open_file(dir, name, O_RDWR | O_CREAT, fd, e);
}

/* A restore holds the open lock exclusively for a few seconds: wait for
 * it rather than fail, but not for ever. */
static int lock_shared(int fd, const char *dir, struct bo_err *e)
{
	struct timespec tick = { 0, 100 * 1000000L };

	for (int waited = 0; flock(fd, LOCK_SH | LOCK_NB); waited += 100) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return bo_failc(e, bo_code_of_errno(errno), _("open data directory \"%s\": lock file: %s"), dir,
			               bo_strerror(errno));
		if (waited >= LOCK_WAIT_MS)
			return bo_failc(e, BO_EBUSY, _("open data directory \"%s\": a restore is in progress; try again in a minute"),
			               dir);
		nanosleep(&tick, NULL);
	}
	return 0;
}

int store_locks_take(struct store *s, struct bo_err *e)
{
	int lock = -1, gate = -1;

	if (open_in(s->dir, STORE_LOCK_FILE, &lock, e) || lock_shared(lock, s->dir, e) ||
	    open_in(s->dir, STORE_GATE_FILE, &gate, e)) {
		if (lock >= 0)
			close(lock);
		return -1;
	}
	s->lock_fd = lock;
	s->gate_fd = gate;
	s->locked = 1;
	return 0;
}

void store_locks_drop(struct store *s)
{
	if (s->locked) {
		close(s->gate_fd);
		close(s->lock_fd);
	}
	s->locked = 0;
}

int store_lock_exclusive(const char *dir, int *fd, struct bo_err *e)
{
	if (open_in(dir, STORE_LOCK_FILE, fd, e))
		return -1;
	if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		bo_failc(e, BO_EBUSY, _("data directory \"%s\" is in use by another backoffice process; every clerk must quit first"),
		        dir);
	else
		bo_failc(e, bo_code_of_errno(errno), _("lock data directory \"%s\": %s"), dir, bo_strerror(errno));
	close(*fd);
	*fd = -1;
	return -1;
}

void store_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* This guards the count of the threads inside and the flock: an open or
 * a checkpoint on one thread nests in another's write (none of them
 * writes records). */
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
/* One write transaction at a time among the threads of this process, as
 * the flock makes it among processes: held from before the gate to after
 * it, begin to commit. */
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

/* First in for this process: take the flock and leave our pid in it. */
static int gate_take(struct store *s, struct bo_err *e)
{
	int32_t pid = 0, me = (int32_t)getpid();
	ssize_t n;

	while (flock(s->gate_fd, LOCK_EX))
		if (errno != EINTR)
			return bo_failc(e, bo_code_of_errno(errno), _("enter the writer gate: %s"), bo_strerror(errno));
	/* The pid is cleared on the way out; still there, its writer died
	 * inside. The page cache makes it visible at once, no fsync needed:
	 * after a power cut the next open recovers anyway. */
	n = pread(s->gate_fd, &pid, sizeof pid, 0);
	if (pwrite(s->gate_fd, &me, sizeof me, 0) != (ssize_t)sizeof me) {
		bo_failc(e, bo_code_of_errno(errno), _("enter the writer gate: %s"), bo_strerror(errno));
		flock(s->gate_fd, LOCK_UN);
		return -1;
	}
	if (n == (ssize_t)sizeof pid && pid != 0) {
		store_log(s, "writer %ld died inside the gate: recovering", (long)pid);
		/* it may have died recovering, in an environment the registry
		 * does not know (store_boot.c): the next open recovers for sure */
		s->recover = 1;
		return 1;
	}
	return 0;
}

int store_gate_enter(struct store *s, struct bo_err *e)
{
	int r = 0;

	if (!s->locked)
		return 0;
	pthread_mutex_lock(&gate_mu);
	if (s->in_gate == 0)
		r = gate_take(s, e);
	if (r >= 0)
		s->in_gate++;
	pthread_mutex_unlock(&gate_mu);
	return r;
}

static void gate_leave(struct store *s, int clear)
{
	int32_t zero = 0;

	if (!s->locked)
		return;
	pthread_mutex_lock(&gate_mu);
	if (s->in_gate > 0 && --s->in_gate == 0) {
		if (clear && pwrite(s->gate_fd, &zero, sizeof zero, 0) != (ssize_t)sizeof zero)
			store_log(s, "leave the writer gate: %s", bo_strerror(errno));
		flock(s->gate_fd, LOCK_UN);
	}
	pthread_mutex_unlock(&gate_mu);
}

void store_gate_leave(struct store *s)
{
	gate_leave(s, 1);
}

void store_gate_abandon(struct store *s)
{
	gate_leave(s, 0);
}

int store_write_enter(struct store *s, struct bo_err *e)
{
	int r;

	pthread_mutex_lock(&write_mu);
	if ((r = store_gate_enter(s, e)) < 0)
		pthread_mutex_unlock(&write_mu);
	return r;
}

void store_write_leave(struct store *s, int clear)
{
	gate_leave(s, clear);
	pthread_mutex_unlock(&write_mu);
}

/* THE REGIONS' LOCK. Opening and closing the environment were inside the
 * gate, one process at a time: for a payment 0.8-1.3 ms of its 2.8-3.5 ms
 * there (issue 11), so four clerks paid only 1.5-1.7 times what one did.
 * What must not overlap an open or a close is a recovery, which removes
 * the region files and makes them again (an opener attaching meanwhile
 * could end up alone in the old ones), and a panic of the environment
 * (an opener that finds it panicked recovers on its own, Berkeley DB's
 * env_open.c, outside the gate). Both happen inside the gate only, and
 * inside it the open and close take this lock exclusive; an open or close
 * outside takes it shared. A byte of the gate file, locked by open file
 * description (F_OFD_SETLKW): the kernel drops it at the holder's death,
 * like the flocks, and it is apart from the gate's flock. */
#define REGIONS_AT 32
/* Waiting for the lock exclusive does not keep new shared holders out
 * (fcntl locks are not fair): with clerks opening all the time, a writer
 * in the gate waited for ever (cli-crash). So an exclusive holder first
 * takes the turnstile, the byte after, which a shared one passes through
 * on its way in, without waiting: it is for the gate then. */
#define TURNSTILE_AT (REGIONS_AT + 1)

static int regions_lock(struct store *s, short type, off_t at, off_t len, int wait)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	fl.l_start = at;
	fl.l_len = len;
	while (fcntl(s->gate_fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl))
		if (errno != EINTR)
			return -1;
	return 0;
}

int store_regions_share(struct store *s)
{
	int r;

	if (!s->locked || regions_lock(s, F_RDLCK, TURNSTILE_AT, 1, 0))
		return -1;
	/* with the turnstile passed, no exclusive holder is in: no wait */
	r = regions_lock(s, F_RDLCK, REGIONS_AT, 1, 1);
	regions_lock(s, F_UNLCK, TURNSTILE_AT, 1, 0);
	return r;
}

void store_regions_unshare(struct store *s)
{
	if (s->locked)
		regions_lock(s, F_UNLCK, REGIONS_AT, 1, 0);
}

/* An open outside holds the lock shared for the length of Berkeley DB's
 * open, a few milliseconds; one held far longer is an open that waits on
 * a mutex of a dead process, which only the recovery we are about to run
 * frees (its watch gives it up once the region files change). So the
 * exclusive lock is waited for this long, then gone on without. */
#define REGIONS_WAIT_MS 20000

static int regions_take(struct store *s)
{
	struct timespec tick = { 0, 5 * 1000000L };

	if (regions_lock(s, F_WRLCK, TURNSTILE_AT, 1, 1))
		return -1;
	for (int waited = 0; regions_lock(s, F_WRLCK, REGIONS_AT, 1, 0); waited += 5) {
		if (errno != EAGAIN && errno != EACCES)
			return -1;
		if (waited >= REGIONS_WAIT_MS) {
			store_log(s, "an open outside the gate has held the regions for %d s: going on",
			          REGIONS_WAIT_MS / 1000);
			return 0;
		}
		nanosleep(&tick, NULL);
	}
	return 0;
}

void store_regions_own(struct store *s)
{
	if (!s->locked)
		return;
	pthread_mutex_lock(&gate_mu);
	/* without it the gate still keeps writers apart: an open outside
	 * that overlaps is the rare risk left, not a wrong write */
	if (s->regions_owned++ == 0 && regions_take(s))
		store_log(s, "lock the regions: %s", bo_strerror(errno));
	pthread_mutex_unlock(&gate_mu);
}

void store_regions_disown(struct store *s)
{
	if (!s->locked)
		return;
	pthread_mutex_lock(&gate_mu);
	if (s->regions_owned > 0 && --s->regions_owned == 0)
		regions_lock(s, F_UNLCK, REGIONS_AT, 2, 0);
	pthread_mutex_unlock(&gate_mu);
}

long store_gate_dead_pid(struct store *s)
{
	int32_t pid = 0;

	if (!s->locked || pread(s->gate_fd, &pid, sizeof pid, 0) != (ssize_t)sizeof pid || pid <= 0)
		return 0;
	return store_pid_gone(pid) ? pid : 0;
}
