/*
 * init.h - `unloadfuzz init`: a driver's own directory made ready to be
 * built as fuzz targets (CMakeLists.txt, its registration, seeds).
 */
#ifndef UNLOADFUZZ_INIT_H
#define UNLOADFUZZ_INIT_H

/* The command; argv after its name. Returns the exit status. */
int init_main(int argc, char **argv);

#endif /* UNLOADFUZZ_INIT_H */
