/*
 * porttest.c - a driver program through the port, for the tests of the
 * port simulation (porttest.h).
 */
#include "porttest.h"

#include <string.h>

#include "program.h"

void t_port_run(const struct uf_driver *d, const char *text)
{
    t_port_run_inject(d, text, 0);
}

void t_port_run_inject(const struct uf_driver *d, const char *text, uint32_t inject)
{
    static struct program prog;
    struct port_run r;
    char err[128];

    assert_int_equal(prog_parse_text(text, strlen(text), &prog, err, sizeof err), 0);
    assert_int_equal(prog_set_kind(&prog, PROG_DRIVER, err, sizeof err), 0);
    t_forget_violations();
    t_events_clear();
    memset(&r, 0, sizeof r);
    r.inject = inject;
    uf_port_set_sink(t_record, NULL);
    uf_port_run(d, &prog, &r);
    uf_port_set_sink(NULL, NULL);
}
