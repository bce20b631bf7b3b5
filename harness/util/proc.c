/*
 * proc.c - child processes and sibling binaries (proc.h).
 */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs argv with its output in log (proc.h). Returns its status. */
int proc_run(char *const argv[], const char *cwd, const char *log)
{
    pid_t pid;
    int st;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        if (in < 0 || out < 0 || (cwd && chdir(cwd) != 0))
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        close(in);
        close(out);
        execv(argv[0], argv);
        fprintf(stderr, "unloadfuzz: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(st))
        return WEXITSTATUS(st) == 127 ? -1 : WEXITSTATUS(st);
    return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

/* The directory of this binary (proc.h). Returns 0 or -1. */
int proc_self_dir(char *buf, size_t n)
{
    ssize_t k = readlink("/proc/self/exe", buf, n - 1);
    char *slash;

    if (k <= 0)
        return -1;
    buf[k] = '\0';
    slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return 0;
}

/* Execs <this binary's dir>/<name><suffix> (proc.h). Returns 2 on failure. */
int proc_exec_beside(const char *cmd, const char *name, const char *suffix, char **argv)
{
    char self[PATH_MAX], path[PATH_MAX + 64];

    if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name) || !*name) {
        fprintf(stderr, "unloadfuzz %s: bad target name '%s'\n", cmd, name);
        return 2;
    }
    if (proc_self_dir(self, sizeof self) < 0) {
        fprintf(stderr, "unloadfuzz %s: cannot find my own directory: %s\n", cmd, strerror(errno));
        return 2;
    }
    snprintf(path, sizeof path, "%s/%s%s", self, name, suffix);
    if (access(path, X_OK) != 0) {
        fprintf(stderr, "unloadfuzz %s: no target '%s' (no %s; the build's driver targets are"
                        " listed in drivers.tsv beside it)\n", cmd, name, path);
        return 2;
    }
    argv[0] = path;
    execv(path, argv);
    fprintf(stderr, "unloadfuzz %s: %s: %s\n", cmd, path, strerror(errno));
    return 2;
}
