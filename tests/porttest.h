/*
 * porttest.h - what the tests of the port simulation share: a driver
 * program run through the port, its events going to the test library's
 * recorder (testlib.h: t_expect_quiet, t_expect_only, t_events).
 */
#ifndef UNLOADFUZZ_PORTTEST_H
#define UNLOADFUZZ_PORTTEST_H

#include "port.h"
#include "testlib.h"

/* Runs the driver program `text` (ops one a line) against driver d from a
 * reset model, recording its events and violations afresh. */
void t_port_run(const struct uf_driver *d, const char *text);

#endif /* UNLOADFUZZ_PORTTEST_H */
