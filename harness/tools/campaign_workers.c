/*
 * campaign_workers.c - the processes a campaign runs, and what they say
 * (campaign_workers.h).
 *
 * Every child is started the one way spawn() starts it: an argv vector,
 * a directory, a few NAME=VALUE settings, its output in a log. The engine
 * workers run in the background as a shell's `cmd &` would run them:
 * stdin from /dev/null, SIGINT and SIGQUIT ignored until the engine sets
 * its own handlers (both engines do, so Ctrl-C still stops them). What the
 * progress line shows is read back from the engines' own files: the last
 * status line of libFuzzer's log, or AFL++'s fuzzer_stats and queues.
 */
#include "campaign_workers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "defs.h"
#include "dir.h"
#include "file.h"

/* One child process to start. */
struct child {
    char *const *argv; /* the program and its arguments; argv[0] a path, or a name in PATH */
    const char *cwd;   /* where it runs; NULL: here */
    char *const *env;  /* NAME=VALUE settings added to this environment, NULL-ended; may be NULL */
    const char *log;   /* its stderr, and its stdout unless quiet (created or emptied) */
    int quiet;         /* its stdout goes to /dev/null */
    int background;    /* stdin from /dev/null, SIGINT and SIGQUIT ignored */
};

/* Starts c. Returns its process id, or -1 with errno set when it could not
 * fork; a child that cannot open its log or run its program says why (in
 * the log when it has one) and exits 127. */
static pid_t spawn(const struct child *c)
{
    pid_t pid;
    int fd;
    size_t i;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid != 0)
        return pid;
    if (c->cwd && chdir(c->cwd) != 0) {
        fprintf(stderr, "unloadfuzz fuzz: %s: %s\n", c->cwd, strerror(errno));
        _exit(127);
    }
    fd = open(c->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        fprintf(stderr, "unloadfuzz fuzz: %s: %s\n", c->log, strerror(errno));
        _exit(127);
    }
    dup2(fd, 2);
    if (c->quiet) {
        close(fd);
        fd = open("/dev/null", O_WRONLY);
    }
    if (fd >= 0) {
        dup2(fd, 1);
        if (fd > 2)
            close(fd);
    }
    if (c->background) {
        fd = open("/dev/null", O_RDONLY);
        if (fd >= 0) {
            dup2(fd, 0);
            if (fd > 2)
                close(fd);
        }
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    for (i = 0; c->env && c->env[i]; i++) {
        char name[64];
        size_t k = strcspn(c->env[i], "=");

        if (k < sizeof name && c->env[i][k] == '=') {
            memcpy(name, c->env[i], k);
            name[k] = '\0';
            setenv(name, c->env[i] + k + 1, 1);
        }
    }
    execvp(c->argv[0], c->argv);
    fprintf(stderr, "unloadfuzz fuzz: %s: %s\n", c->argv[0], strerror(errno));
    _exit(127);
}

/* Waits for child pid. Returns its exit status, 128 + the signal that
 * ended it, or -1 when it cannot be waited for. */
static int reap(pid_t pid)
{
    int st;

    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* Runs c and waits for it. Returns its status as reap(), -1 when it could
 * not start. */
static int run(const struct child *c)
{
    pid_t pid = spawn(c);

    return pid < 0 ? -1 : reap(pid);
}

/* Whether directory `path` holds any entry, dot files included. */
static int has_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int any = 0;

    if (d == NULL)
        return 0;
    while (!any && (e = readdir(d)) != NULL)
        any = strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return any;
}

/* Counts the regular files under `path` (symbolic links not followed),
 * as find -type f does: without those whose name starts with '.' when
 * skip_dot, and only those whose whole path matches the shell pattern
 * `match` (NULL: all), as find -path does. Returns the count. */
static unsigned long long count_files(const char *path, int skip_dot, const char *match)
{
    unsigned long long n = 0;
    struct dirent *e;
    DIR *d = opendir(path);

    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char sub[PATH_MAX];
        struct stat st;

        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
            (size_t)snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) >= sizeof sub ||
            lstat(sub, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            n += count_files(sub, skip_dot, match);
        else if (S_ISREG(st.st_mode) && !(skip_dot && e->d_name[0] == '.') &&
                 (match == NULL || fnmatch(match, sub, 0) == 0))
            n++;
    }
    closedir(d);
    return n;
}

/* This host's short name (up to its first '.') with every character but
 * letters, digits, '_' and '-' made '_', into buf; "host" when it has none.
 * Returns buf. */
static char *host_name(char *buf, size_t n)
{
    char *p;

    if (gethostname(buf, n) != 0 || !buf[0])
        snprintf(buf, n, "host");
    buf[n - 1] = '\0';
    p = strchr(buf, '.');
    if (p)
        *p = '\0';
    for (p = buf; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", *p))
            *p = '_';
    return buf;
}

/* Starts the one libFuzzer process of a turn, in fork mode. Returns 0 or
 * -1 after saying why. */
static int start_libfuzzer(struct workers *w)
{
    char fork_arg[32], time_arg[48], seed_arg[48], len_arg[32], inject[160], log[PATH_MAX + 32];
    char *argv[] = {w->binary, fork_arg, "-ignore_crashes=1", "-ignore_timeouts=1",
                    "-ignore_ooms=1", time_arg, seed_arg, len_arg, "-artifact_prefix=crashes/",
                    "corpus", "seeds", NULL};
    char *env[] = {inject, NULL};
    struct child c = {argv, w->dir, env, log, 0, 1};
    pid_t pid;

    snprintf(fork_arg, sizeof fork_arg, "-fork=%u", w->jobs);
    snprintf(time_arg, sizeof time_arg, "-max_total_time=%lu", w->seconds);
    snprintf(seed_arg, sizeof seed_arg, "-seed=%s", w->seed);
    snprintf(len_arg, sizeof len_arg, "-max_len=%d", UF_MAX_INPUT);
    snprintf(inject, sizeof inject, "UNLOADFUZZ_INJECT=%s", w->inject);
    snprintf(log, sizeof log, "%s/logs/fuzzer.log", w->dir);
    pid = spawn(&c);
    if (pid < 0) {
        fprintf(stderr, "unloadfuzz fuzz: cannot start %s: %s\n", w->binary, strerror(errno));
        return -1;
    }
    w->pid[w->n++] = pid;
    return 0;
}

/* Starts the AFL++ workers of a turn: alone, w0 is the main and w1... its
 * secondaries; joining a shared sync directory, secondaries named after
 * this host and process (unique across machines), and a main named "main"
 * only when asked. Returns 0 or -1 after saying why. */
static int start_afl(struct workers *w)
{
    char host[64], secs[32], log[PATH_MAX + 32], inject[160];
    char *env[] = {"AFL_NO_UI=1", "AFL_SKIP_CPUFREQ=1", "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1",
                   "AFL_SKIP_CRASHES=1", "AFL_IMPORT_FIRST=1", inject, NULL};
    unsigned i;

    host_name(host, sizeof host);
    snprintf(secs, sizeof secs, "%lu", w->seconds);
    snprintf(inject, sizeof inject, "UNLOADFUZZ_INJECT=%s", w->inject);
    for (i = 0; i < w->jobs; i++) {
        char *argv[] = {"afl-fuzz", "-i", "seeds", "-o",
                        w->sync_dir ? (char *)w->sync_dir : "corpus", "-S", w->name[w->n],
                        "-V", secs, "--", w->binary, NULL};
        struct child c = {argv, w->dir, env, log, 0, 1};
        pid_t pid;

        if (w->sync_dir && w->main_worker && i == 0) {
            argv[5] = "-M";
            snprintf(w->name[w->n], sizeof w->name[0], "main");
        } else if (w->sync_dir) {
            snprintf(w->name[w->n], sizeof w->name[0], "%s-%ld-%u", host, (long)getpid(), i);
        } else {
            argv[5] = i == 0 ? "-M" : "-S";
            snprintf(w->name[w->n], sizeof w->name[0], "w%u", i);
        }
        snprintf(log, sizeof log, "%s/logs/afl-%u.log", w->dir, i);
        pid = spawn(&c);
        if (pid < 0) {
            fprintf(stderr, "unloadfuzz fuzz: cannot start afl-fuzz: %s\n", strerror(errno));
            return -1;
        }
        w->pid[w->n++] = pid;
    }
    return 0;
}

/* Starts the workers (campaign_workers.h). Returns 0 or -1. */
int workers_start(struct workers *w)
{
    w->n = 0;
    w->started = clock_now();
    return w->engine == WORKERS_LIBFUZZER ? start_libfuzzer(w) : start_afl(w);
}

/* Says so when worker i ended with a failure before its time was up: an
 * engine that could not start (no afl-fuzz, no seeds) ends in its first
 * second, and its reason is only in its log. */
static void check_ended(const struct workers *w, unsigned i, int st)
{
    double ran = clock_now() - w->started;
    char log[32] = "fuzzer.log";

    if (st == 0 || ran + 1 >= (double)w->seconds)
        return;
    if (w->engine == WORKERS_AFL)
        snprintf(log, sizeof log, "afl-%u.log", i);
    fprintf(stderr, "%sunloadfuzz fuzz: a worker ended after %.0f s of %lu (%s %d): see %s/logs/%s\n",
            isatty(STDERR_FILENO) ? "\n" : "", ran, w->seconds, st > 128 ? "signal" : "status",
            st > 128 ? st - 128 : st, w->dir, log);
}

/* Collects the workers that ended (campaign_workers.h). Returns how many
 * run. */
unsigned workers_running(struct workers *w)
{
    unsigned i, alive = 0;

    for (i = 0; i < w->n; i++) {
        pid_t r;
        int st;

        if (w->pid[i] == 0)
            continue;
        r = waitpid(w->pid[i], &st, WNOHANG);
        if (r == 0 || (r < 0 && errno == EINTR)) {
            alive++;
            continue;
        }
        w->pid[i] = 0;
        if (r > 0)
            check_ended(w, i, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
    }
    return alive;
}

/* Waits for every worker (campaign_workers.h). */
void workers_wait(struct workers *w)
{
    unsigned i;

    for (i = 0; i < w->n; i++)
        if (w->pid[i] != 0) {
            reap(w->pid[i]);
            w->pid[i] = 0;
        }
}

/* The sync directory the AFL++ workers share: the one joined, or the
 * target's corpus directory. Writes it into buf and returns buf. */
static const char *sync_dir(const struct workers *w, char buf[PATH_MAX + 16])
{
    snprintf(buf, PATH_MAX + 16, "%s%s", w->sync_dir ? w->sync_dir : w->dir,
             w->sync_dir ? "" : "/corpus");
    return buf;
}

/* Copies the AFL++ workers' crashes (campaign_workers.h). */
void workers_collect_crashes(const struct workers *w)
{
    char sd[PATH_MAX + 16];
    unsigned i;
    size_t k;

    sync_dir(w, sd);
    for (i = 0; i < w->n; i++) {
        char crashes[PATH_MAX + 128];
        struct names l;

        snprintf(crashes, sizeof crashes, "%s/%s/crashes", sd, w->name[i]);
        if (dir_list(crashes, NULL, DIR_ANY, &l) < 0)
            continue;
        for (k = 0; k < l.n; k++) {
            char from[2 * PATH_MAX], to[2 * PATH_MAX], *p, *data;
            size_t len;
            int off;

            if (strncmp(l.v[k], "id:", 3) != 0)
                continue;
            off = snprintf(to, sizeof to, "%s/crashes/", w->dir);
            if ((size_t)snprintf(from, sizeof from, "%s/%s", crashes, l.v[k]) >= sizeof from ||
                (size_t)snprintf(to + off, sizeof to - off, "%s/%s", w->name[i], l.v[k]) >=
                    sizeof to - off)
                continue;
            for (p = to + off; *p; p++)
                if (*p == '/' || *p == ':' || *p == ',')
                    *p = '_';
            if (dir_exists(to) || file_read(from, 0, &data, &len) < 0)
                continue;
            file_write(to, data, len, FILE_NEW);
            free(data);
        }
        names_free(&l);
    }
}

/* The number that follows the last `key` in line that a number follows,
 * with an optional ':' between them when colon (libFuzzer's "exec/s 12"
 * and "exec/s: 12"), the space that follows key or the colon required.
 * Returns it, 0 when there is none. */
static unsigned long long last_number_after(const char *line, const char *key, int colon)
{
    unsigned long long v = 0;
    const char *p = line;
    size_t kl = strlen(key);

    while ((p = strstr(p, key)) != NULL) {
        const char *q = p + kl;

        if (colon && *q == ':')
            q++;
        if (q[0] == ' ' && q[1] >= '0' && q[1] <= '9')
            v = strtoull(q + 1, NULL, 10);
        p++;
    }
    return v;
}

/* libFuzzer's progress: its log's last status line ("#N: cov: C ...
 * exec/s E ...") and the files of the corpus. */
static void libfuzzer_stats(const struct workers *w, struct workers_stats *st)
{
    char path[PATH_MAX + 32], *text, *p, *line = NULL;
    size_t len;

    snprintf(path, sizeof path, "%s/logs/fuzzer.log", w->dir);
    if (file_read(path, 0, &text, &len) == 0) {
        for (p = text; p < text + len; p++) {
            if (p[0] == '#' && p[1] >= '0' && p[1] <= '9')
                line = p;
            p = memchr(p, '\n', text + len - p);
            if (p == NULL)
                break;
        }
        if (line) {
            p = strchr(line, '\n');
            if (p)
                *p = '\0';
            st->execs = strtoull(line + 1, NULL, 10);
            st->cov = last_number_after(line, "cov:", 0);
            st->eps = last_number_after(line, "exec/s", 1);
        }
        free(text);
    }
    snprintf(path, sizeof path, "%s/corpus", w->dir);
    st->corpus = count_files(path, 1, NULL);
}

/* The number on the line "KEY   : N..." of an AFL++ fuzzer_stats text (its
 * whole part), 0 when there is none. */
static unsigned long long stats_field(const char *text, const char *key)
{
    size_t kl = strlen(key);
    const char *p;

    for (p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        const char *q = p + kl;

        if (strncmp(p, key, kl) != 0)
            continue;
        while (*q == ' ')
            q++;
        if (q[0] == ':' && q[1] == ' ' && q[2] >= '0' && q[2] <= '9')
            return strtoull(q + 2, NULL, 10);
    }
    return 0;
}

/* AFL++'s progress: every worker's fuzzer_stats in the sync directory
 * (executions and exec/s added up, the most edges any found) and the
 * sync directory's queue entries, not AFL++'s own bookkeeping files. */
static void afl_stats(const struct workers *w, struct workers_stats *st)
{
    char sd[PATH_MAX + 16];
    struct names l;
    size_t i;

    sync_dir(w, sd);
    if (dir_list(sd, NULL, DIR_ANY, &l) == 0) {
        for (i = 0; i < l.n; i++) {
            char path[PATH_MAX + 128], *text;
            unsigned long long e;

            snprintf(path, sizeof path, "%s/%s/fuzzer_stats", sd, l.v[i]);
            if (!dir_is_file(path) || file_read(path, 0, &text, NULL) < 0)
                continue;
            st->execs += stats_field(text, "execs_done");
            st->eps += stats_field(text, "execs_per_sec");
            e = stats_field(text, "edges_found");
            if (e > st->cov)
                st->cov = e;
            free(text);
        }
        names_free(&l);
    }
    st->corpus = count_files(sd, 0, "*/queue/id:*");
}

/* Reads the workers' progress (campaign_workers.h). */
void workers_stats(const struct workers *w, struct workers_stats *st)
{
    char crashes[PATH_MAX + 16];

    memset(st, 0, sizeof *st);
    if (w->engine == WORKERS_LIBFUZZER)
        libfuzzer_stats(w, st);
    else
        afl_stats(w, st);
    snprintf(crashes, sizeof crashes, "%s/crashes", w->dir);
    st->crashes = count_files(crashes, 0, NULL);
}

/* Merges the corpus (campaign_workers.h). */
void workers_merge(const struct workers *w)
{
    char corpus[PATH_MAX + 16], merged[PATH_MAX + 16], old[PATH_MAX + 16], log[PATH_MAX + 16];
    char inject[160];
    char *argv[] = {(char *)w->binary, "-merge=1", "corpus.merge", "corpus", NULL};
    char *env[] = {inject, NULL};
    struct child c = {argv, w->dir, env, log, 0, 0};

    snprintf(corpus, sizeof corpus, "%s/corpus", w->dir);
    if (w->engine != WORKERS_LIBFUZZER || !has_entries(corpus))
        return;
    snprintf(merged, sizeof merged, "%s/corpus.merge", w->dir);
    snprintf(old, sizeof old, "%s/corpus.old", w->dir);
    snprintf(log, sizeof log, "%s/logs/merge.log", w->dir);
    snprintf(inject, sizeof inject, "UNLOADFUZZ_INJECT=%s", w->inject);
    if (dir_remove_tree(merged) != 0 || mkdir(merged, 0755) != 0)
        return;
    if (run(&c) != 0) {
        dir_remove_tree(merged);
        return;
    }
    /* a kill between the two renames leaves corpus.old and no corpus: the
     * next turn takes it back */
    if (dir_remove_tree(old) == 0 && rename(corpus, old) == 0 && rename(merged, corpus) == 0)
        dir_remove_tree(old);
}

/* Triages a target's crashes (campaign_workers.h). */
void workers_triage(const char *self, const char *dir, const char *target, const char *inject)
{
    char crashes[PATH_MAX], out[PATH_MAX], log[PATH_MAX + 16], inject_arg[160];
    char *argv[] = {(char *)self, "triage", (char *)target, inject_arg, "--out", out, crashes,
                    NULL};
    struct child c = {argv, NULL, NULL, log, 1, 0};
    int st;

    if ((size_t)snprintf(crashes, sizeof crashes, "%s/%s/crashes", dir, target) >= sizeof crashes ||
        (size_t)snprintf(out, sizeof out, "%s/findings/%s", dir, target) >= sizeof out ||
        !has_entries(crashes))
        return;
    snprintf(log, sizeof log, "%s/triage.log", out);
    snprintf(inject_arg, sizeof inject_arg, "--inject=%s", inject);
    if (!*inject) /* no --inject argument at all */
        memmove(&argv[3], &argv[4], 4 * sizeof argv[0]);
    if (dir_remove_tree(out) != 0 || dir_make(out) != 0) {
        fprintf(stderr, "unloadfuzz fuzz: cannot make %s: %s\n", out, strerror(errno));
        return;
    }
    st = run(&c);
    if (st < 0)
        fprintf(stderr, "unloadfuzz fuzz: cannot run the triage of %s: %s\n", target,
                strerror(errno));
    else if (st > 1) /* 0 and 1 are triage's answers; an input that kills it is not */
        fprintf(stderr, "unloadfuzz fuzz: the triage of %s failed (%s %d): its findings are"
                        " left out; see %s\n",
                target, st > 128 ? "signal" : "status", st > 128 ? st - 128 : st, log);
}
