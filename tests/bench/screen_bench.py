#!/usr/bin/python3
"""screen_bench.py - the screens' speed and memory, through tmux (issue 11).

`backoffice --db STORE` in a detached tmux (80x24, TERM tmux-256color, a
server on a socket of its own), driven as a clerk drives it: 3 opens the
invoice list (at the newest), Home, PgDn, End, then / and an invoice
number typed (the search jumps through the number index). Each key is
timed from the send-keys to the capture-pane that first shows the
expected screen: the list rows that should be there, compared with the
invoice numbers in order of entry. One tmux control-mode client sends
the keys and polls capture-pane every millisecond, so the figures
include tmux's own latency; the floor is the same poll around `cat`
echoing one key. Private memory: Private_Clean + Private_Dirty (what
/proc/PID/smaps_rollup sums, read from /proc/PID/smaps) after the list
is shown and after End, with Shared apart and the part of Private that
is Berkeley DB's region files (__db.*, the cache among them: private
only while no other process maps them); the private memory of the
screens' background processes (ui/bg.c) apart.

    tests/bench/screen_bench.py BINARY STORE [--runs 3]

Used by tests/bench/run (the `screens:` rows); not part of the test suite.
"""
import argparse
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROW = re.compile(r'^ ([FR]\d{4}-\d{6}) ')
W, H = 80, 24
POLL = 0.001


class Tmux:
    """A tmux server of its own with one session, and one control-mode
    client on it through which keys go and the pane is read."""

    def __init__(self, cmd, env):
        self.sock = 'bo-bench-%d-%d' % (os.getpid(), int(time.time() * 1000) % 100000)
        self.dir = tempfile.mkdtemp(prefix='bo-screens.')
        conf = os.path.join(self.dir, 'tmux.conf')
        with open(conf, 'w') as f:
            f.write('set -g status off\nset -g default-terminal tmux-256color\n'
                    'set -g remain-on-exit off\n')
        self.env = env
        subprocess.run(['tmux', '-L', self.sock, '-f', conf, 'new-session', '-d', '-s', 'bo',
                        '-x', str(W), '-y', str(H)] + cmd, env=env, check=True)
        try:
            self._attach()
        except BaseException:
            self.stop()
            raise

    def _attach(self):
        env = self.env
        # no-output: the client is not sent what the program writes
        self.ctl = subprocess.Popen(['tmux', '-L', self.sock, '-C', 'attach-session',
                                     '-f', 'no-output', '-t', 'bo'],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                                    bufsize=0)
        self.out = self.ctl.stdout
        self.buf = b''
        self.cmd('resize-window -t bo -x %d -y %d' % (W, H))
        size = self.cmd("display -p -t bo '#{window_width}x#{window_height}'")
        if size != ['%dx%d' % (W, H)]:
            raise RuntimeError('tmux window is %s, not %dx%d' % (size, W, H))
        self.pid = int(self.cmd("display -p -t bo '#{pane_pid}'")[0])

    def _line(self):
        while b'\n' not in self.buf:
            # never hang the benchmark on a tmux that stopped answering
            if not select.select([self.out], [], [], 30)[0]:
                raise RuntimeError('tmux control client: no answer in 30 s')
            got = os.read(self.out.fileno(), 65536)
            if not got:
                raise RuntimeError('tmux control client ended')
            self.buf += got
        line, self.buf = self.buf.split(b'\n', 1)
        return line.decode('utf-8', 'replace')

    def cmd(self, command):
        """Runs one command; its output lines (the pane for capture-pane)."""
        self.ctl.stdin.write(command.encode() + b'\n')
        # a block of this client's commands has flags 1; others (the
        # attach's own, ones tmux runs itself) are skipped
        while True:
            line = self._line().split()
            if len(line) == 4 and line[0] == '%begin' and line[3] == '1':
                break
        lines = []
        while True:
            line = self._line()
            if line.startswith('%end') or line.startswith('%error'):
                if line.startswith('%error'):
                    raise RuntimeError('tmux %s: %s' % (command, lines))
                return lines
            lines.append(line)

    def send(self, *keys, literal=False):
        self.cmd('send-keys -t bo %s%s' % ('-l ' if literal else '',
                                          ' '.join(quote(k) for k in keys)))

    def screen(self):
        return self.cmd('capture-pane -p -t bo')

    def timed(self, send, want, limit=30.0):
        """Seconds from sending to the first capture for which want(lines)
        is true (None when it never came), and that screen."""
        t0 = time.perf_counter()
        send()
        end = t0 + limit
        while True:
            lines = self.screen()
            t = time.perf_counter()
            if want(lines):
                return t - t0, lines
            if t > end:
                return None, lines
            time.sleep(POLL)

    def wait(self, want, limit=30.0):
        return self.timed(lambda: None, want, limit)[0] is not None

    def stop(self):
        ctl = getattr(self, 'ctl', None)
        if ctl:
            try:
                ctl.stdin.close()
            except OSError:
                pass
        spid = None
        try:
            spid = int(subprocess.run(['tmux', '-L', self.sock, 'display', '-p', '#{pid}'],
                                      capture_output=True, text=True, env=self.env).stdout)
        except ValueError:
            pass
        subprocess.run(['tmux', '-L', self.sock, 'kill-server'], capture_output=True, env=self.env)
        if ctl:
            ctl.wait()
        end = time.time() + 10
        while spid and alive(spid) and time.time() < end:
            time.sleep(0.05)
        shutil.rmtree(self.dir, ignore_errors=True)


def quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def alive(pid):
    """Running: a zombie no one has reaped yet is done."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


def rows(lines):
    return [m.group(1) for m in (ROW.match(l) for l in lines) if m]


def children(pid):
    kids = []
    try:
        for task in os.listdir('/proc/%d/task' % pid):
            with open('/proc/%d/task/%s/children' % (pid, task)) as f:
                kids += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return kids


def memory(pid, store):
    """KB, in one pass over /proc/PID/smaps (the sums smaps_rollup gives,
    and the region files' part of the same moment): Private (Clean +
    Dirty), Shared (Clean + Dirty), the Private pages of the store's
    region files (__db.*) and all their resident pages, and the peak RSS
    (VmHWM)."""
    got = {'Private_Clean:': 0, 'Private_Dirty:': 0, 'Shared_Clean:': 0, 'Shared_Dirty:': 0}
    region, region_rss, inside = 0, 0, False
    store = os.path.realpath(store)
    with open('/proc/%d/smaps' % pid) as f:
        for line in f:
            parts = line.split()
            if parts and re.match(r'^[0-9a-f]+-[0-9a-f]+$', parts[0]):
                path = parts[5] if len(parts) > 5 else ''
                inside = path.startswith(store + '/') or os.path.basename(path).startswith('__db.')
            elif parts and parts[0] in got:
                got[parts[0]] += int(parts[1])
                if inside and parts[0].startswith('Private'):
                    region += int(parts[1])
            elif inside and parts and parts[0] == 'Rss:':
                region_rss += int(parts[1])
    hwm = 0
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                hwm = int(line.split()[1])
    # the screens' background workers (ui/bg.c: the dashboard, the
    # overdue report) are processes of their own, counted apart
    kids = 0
    for kid in children(pid):
        try:
            kids += memory(kid, store)['private']
        except OSError:
            pass
    return {'private': got['Private_Clean:'] + got['Private_Dirty:'], 'children': kids,
            'shared': got['Shared_Clean:'] + got['Shared_Dirty:'],
            'region': region, 'region_rss': region_rss, 'hwm': hwm}


def floor(env, n=20):
    """The same send-and-poll around `cat`: the terminal echoes the key."""
    t = Tmux(['cat'], env)
    try:
        got = []
        for i in range(n + 1):
            ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26]
            before = ''.join(t.screen())

            secs, _ = t.timed(lambda: t.send(ch, literal=True),
                              lambda lines, b=before: ''.join(lines) != b, 5)
            if i and secs is not None:      # the first is a warm-up
                got.append(secs)
        return statistics.median(got) if got else None
    finally:
        t.stop()


def session(binary, store, env, entries, target):
    """One clerk's walk: seconds per step (None: never came), memory."""
    t = Tmux([binary, '--db', store], env)
    res, mem = {}, {}
    newest = entries[-1]
    pos = {n: i for i, n in enumerate(entries)}

    def at_end(lines):
        r = rows(lines)
        return (r and r[-1] == newest and r == entries[len(entries) - len(r):] and
                any('Search' in l for l in lines[-2:]))
    try:
        if not t.wait(lambda lines: any('Overdue accounts' in l for l in lines)):
            raise RuntimeError('no main menu: %s' % t.screen())
        pid = t.pid
        res['first'], lines = t.timed(lambda: t.send('3'), at_end)
        if res['first'] is None:
            raise RuntimeError('no invoice list: %s' % lines)
        page = len(rows(lines))
        mem['list'] = memory(pid, store)
        res['home'], lines = t.timed(lambda: t.send('Home'),
                                     lambda lines: rows(lines) == entries[:page])
        res['pgdn'], lines = t.timed(lambda: t.send('NPage'),
                                     lambda lines: rows(lines) == entries[page:2 * page])
        res['end'], lines = t.timed(lambda: t.send('End'), at_end)
        mem['end'] = memory(pid, store)
        kids = children(pid)
        t.send('/')
        if not t.wait(lambda lines: any(l.startswith(' Search:') for l in lines)):
            raise RuntimeError('no search line: %s' % t.screen())
        res['search'], lines = t.timed(lambda: t.send(target, literal=True),
                                       lambda lines: target in rows(lines))
        bad = [k for k, v in res.items() if v is None]
        if bad:
            raise RuntimeError('%s never showed what it should: %s' % (', '.join(bad), lines))
        t.send('Escape')
        t.send('F10')
        if t.wait(lambda lines: any('backoffice?' in l for l in lines), 5):
            t.send('y')
        end = time.time() + 10
        while alive(pid) and time.time() < end:
            time.sleep(0.02)
        # the dashboard's process (ui/bg.c) ends its walk of the books
        # after the screens quit: not on the next walk's time
        end = time.time() + 300
        while any(alive(k) for k in kids) and time.time() < end:
            time.sleep(0.1)
        return res, mem
    finally:
        t.stop()


def entry_order(binary, store, env):
    out = subprocess.run([binary, '--db', store, 'invoice', 'list', '--format', 'csv'],
                         capture_output=True, text=True, env=env, check=True).stdout
    return [l.split(',', 1)[0] for l in out.splitlines()[1:]]


def measure(binary, store, env, runs):
    """Medians over runs (after one warm-up walk) of each step in seconds,
    the largest memory figures, the poll floor and the searched number."""
    env = dict(env)
    env.pop('TMUX', None)
    env.pop('BACKOFFICE_DB', None)
    env['TERM'] = 'tmux-256color'
    entries = entry_order(binary, store, env)
    if len(entries) < 3 * 20:
        raise RuntimeError('%d invoices: too few for the screens' % len(entries))
    target = entries[len(entries) // 3]
    steps, mems = {}, {}
    for i in range(-1, runs):
        res, mem = session(binary, store, env, entries, target)
        if i < 0:
            continue
        for k, v in res.items():
            steps.setdefault(k, []).append(v)
        for k, v in mem.items():
            m = mems.setdefault(k, {})
            for f, x in v.items():
                m[f] = max(m.get(f, 0), x)
    out = {k: statistics.median(v) for k, v in steps.items()}
    return {'steps': out, 'mem': mems, 'floor': floor(env), 'target': target, 'runs': runs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('binary')
    ap.add_argument('store')
    ap.add_argument('--runs', type=int, default=3)
    a = ap.parse_args()
    env = dict(os.environ, LC_ALL='C.UTF-8', LANG='C.UTF-8')
    env.setdefault('BACKOFFICE_TODAY', '2026-11-28')
    r = measure(os.path.realpath(a.binary), a.store, env, a.runs)
    for k, v in r['steps'].items():
        print('%-8s %8.1f ms' % (k, v * 1000))
    print('floor    %8.1f ms (cat echoing a key)' % (r['floor'] * 1000))
    for k, m in r['mem'].items():
        print('memory after %s: private %d KB (region files %d KB), shared %d KB, '
              'region files resident %d KB, peak RSS %d KB, children private %d KB'
              % (k, m['private'], m['region'], m['shared'], m['region_rss'], m['hwm'],
                 m['children']))
    print('search typed %s' % r['target'])
    return 0


if __name__ == '__main__':
    sys.exit(main())
