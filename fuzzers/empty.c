/*
 * empty.c - the main source of a driver's libFuzzer target: everything it
 * runs is in driver_target.c (the port library) and the driver's library;
 * an executable needs one source of its own.
 */
typedef int uf_empty_translation_unit;
