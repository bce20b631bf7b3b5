/*
 * driver_explore.c - a driver target's explorer (<target>_explore, and
 * `unloadfuzz explore <target>`, which runs it): the sweeps and the search
 * of harness/tools/explore.c on the registered driver, through the port
 * simulation. Without a program it explores the target's seeds. With a
 * first argument `triage` it triages crash files instead (harness/tools/triage.c,
 * `unloadfuzz triage <target>`).
 */
#include "explore.h"
#include "triage.h"
#include "port.h"
#include "unloadfuzz_driver.h"

#include <stdio.h>
#include <string.h>

static void run_driver(const struct program *p, uint32_t inject, model_sink_fn sink, void *arg,
                       uint32_t *port_state)
{
    struct port_run r = {0};

    r.inject = inject;
    uf_port_set_sink(sink, arg);
    uf_port_run(&uf_driver_under_test, p, &r);
    uf_port_set_sink(NULL, NULL);
    *port_state = r.port_state;
}

int main(int argc, char **argv)
{
    static char replay[512];
    struct explore_target t = {uf_driver_under_test.name, PROG_DRIVER, run_driver, replay,
                               UF_SEEDS_DIR, uf_port_events};

    snprintf(replay, sizeof replay, "unloadfuzz repro --target %s", uf_driver_under_test.name);
    if (argc > 1 && !strcmp(argv[1], "triage"))
        return triage_main(&t, argc - 2, argv + 2);
    return explore_main(&t, argc - 1, argv + 1);
}
