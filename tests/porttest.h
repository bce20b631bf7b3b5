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

/* As t_port_run, with the run's injections `inject` (PORT_INJECT_*, what
 * --inject allows) in force from the start. */
void t_port_run_inject(const struct uf_driver *d, const char *text, uint32_t inject);

#endif /* UNLOADFUZZ_PORTTEST_H */
