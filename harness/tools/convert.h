/*
 * convert.h - `unloadfuzz convert` (text <-> binary programs) and
 * `unloadfuzz sites` (the allocation sites fail-alloc site= accepts).
 */
#ifndef UNLOADFUZZ_CONVERT_H
#define UNLOADFUZZ_CONVERT_H

/* The commands; argv after their names. Return the exit status. */
int convert_main(int argc, char **argv);
int sites_main(int argc, char **argv);

#endif
