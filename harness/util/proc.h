/*
 * proc.h - running other programs: a child with its output in a log (the
 * gate's engines and replays), and the binaries the build puts beside this
 * one (a driver target's own replay and explorer).
 */
#ifndef UNLOADFUZZ_PROC_H
#define UNLOADFUZZ_PROC_H

#include <stddef.h>

/* Runs argv[0] with argv in directory cwd (NULL: this one), stdin from
 * /dev/null, stdout and stderr into the new file `log`. Returns its exit
 * status, 128 + the signal that ended it, or -1 when it could not start. */
int proc_run(char *const argv[], const char *cwd, const char *log);

/* Writes the directory of this process's binary into buf (n bytes).
 * Returns 0, or -1 with errno set. */
int proc_self_dir(char *buf, size_t n);

/* Replaces this process with the binary <dir of this one>/<name><suffix>
 * ("ndis_sample" "_replay"), passing argv (argv[0] is replaced). `cmd`
 * names the command in messages. Returns 2 after saying why when it
 * cannot (a bad name, no such binary). */
int proc_exec_beside(const char *cmd, const char *name, const char *suffix, char **argv);

#endif /* UNLOADFUZZ_PROC_H */
