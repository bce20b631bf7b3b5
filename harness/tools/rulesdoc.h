/*
 * rulesdoc.h - `unloadfuzz rules`: the rule catalogue as a table, or as the
 * Markdown of docs/RULES.md.
 */
#ifndef UNLOADFUZZ_RULESDOC_H
#define UNLOADFUZZ_RULESDOC_H

/* Runs the command with argv after its name; returns the exit status. */
int rules_main(int argc, char **argv);

#endif
