/*
 * demo.c - `unloadfuzz demo`: a miniport's life, played by a port, printed
 * as the model's events.
 *
 * Two runs of drivers/demo: the correct driver, whose port calls its unload
 * routine twice (the second call is the port misbehaving on purpose: the
 * driver's own guard must hold), and the variant that guards its unload with
 * WdfGetDriver(), which the second call turns into a use of the freed driver
 * object. Each run resets the model, so the two are independent and each
 * prints the same lines every time.
 */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "demo_miniport.h"
#include "model.h"

struct demo_opts {
    int quiet;      /* no event lines, only the summaries */
    int which;      /* 0 both runs, 1 the correct driver, 2 the buggy one */
};

/* Prints each event as one line, indented under a step. */
static void print_event(const struct model_event *ev, void *arg)
{
    char line[512];

    (void)arg;
    model_event_format(ev, line, sizeof(line));
    printf("    %s\n", line);
}

/* Plays one life of the demo driver; returns the violations it raised. */
static uint32_t play(int stale_guard, const struct demo_opts *o)
{
    static DRIVER_OBJECT driver_object;
    static DEVICE_OBJECT device_object;
    static WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\demo";
    UNICODE_STRING registry = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    WDFTIMER watchdog = NULL;
    WDFWORKITEM work = NULL;
    uint32_t i, n;
    NTSTATUS status;

    memset(&driver_object, 0, sizeof(driver_object));
    memset(&device_object, 0, sizeof(device_object));
    model_reset();
    demo_set_stale_guard(stale_guard);
    demo_reset();
    model_set_sink(o->quiet ? NULL : print_event, NULL);

    printf("  port: load (DriverEntry)\n");
    status = demo_driver_entry(&driver_object, &registry);
    if (!NT_SUCCESS(status))
        printf("  DriverEntry failed\n");
    printf("  port: device arrival\n");
    demo_device_arrival(&device_object);
    /* The adapter's timer and work item are the objects after the device. */
    n = model_object_count();
    for (i = 1; i <= n; i++) {
        struct model_object_info info;

        model_object_info(i, &info);
        if (info.type == TYPE_TIMER && !watchdog)
            watchdog = (WDFTIMER)model_id_handle(i);
        if (info.type == TYPE_WORKITEM && !work)
            work = (WDFWORKITEM)model_id_handle(i);
    }
    printf("  port: time passes (the watchdog expires, the reset work runs)\n");
    model_timer_fire(watchdog);
    model_workitem_run(work);
    printf("  port: device removal\n");
    demo_device_removal();
    printf("  port: unload\n");
    demo_unload(&driver_object);
    printf("  port: unload again (robustness: a misbehaving port)\n");
    demo_unload(&driver_object);
    model_set_sink(NULL, NULL);
    printf("  WDM device object references left: %d\n", (int)device_object.ReferenceCount);
    return model_violation_count();
}

/* Prints the violations of the last run by rule, worst first. */
static void summary(void)
{
    int sev, r, any = 0;

    for (sev = SEV__COUNT - 1; sev >= 0; sev--)
        for (r = 0; r < RULE__COUNT; r++)
            if ((int)model_rule_severity((enum model_rule)r) == sev &&
                model_rule_count((enum model_rule)r)) {
                printf("  %-9s %-28s x%u\n", model_severity_name((enum model_severity)sev),
                       model_rule_id((enum model_rule)r),
                       model_rule_count((enum model_rule)r));
                any = 1;
            }
    if (!any)
        printf("  no violations\n");
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: unloadfuzz demo [--correct | --buggy] [--quiet]\n"
            "\n"
            "Runs the bundled demo miniport (drivers/demo) through load, a device\n"
            "arriving, its timer and work item firing, the device leaving, and two\n"
            "unloads (the second one is the port misbehaving on purpose), printing\n"
            "every event of the framework model.\n"
            "\n"
            "  --correct  only the driver that guards its unload with its own state\n"
            "  --buggy    only the variant that guards with WdfGetDriver()\n"
            "  --quiet    print the summaries, not the events\n"
            "  --help     this text\n"
            "\n"
            "Exit status: 0 when the correct driver is clean and the buggy one raises\n"
            "double-unload, 1 otherwise, 2 for bad arguments.\n");
}

int demo_main(int argc, char **argv)
{
    struct demo_opts o = {0, 0};
    int i, ok = 1;
    uint32_t v;

    for (i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--quiet")) {
            o.quiet = 1;
        } else if (!strcmp(argv[i], "--correct")) {
            o.which = 1;
        } else if (!strcmp(argv[i], "--buggy")) {
            o.which = 2;
        } else {
            fprintf(stderr, "unloadfuzz demo: unknown argument '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (o.which != 2) {
        printf("run 1: the demo miniport, unload guarded by its own state\n");
        v = play(0, &o);
        summary();
        ok &= v == 0;
    }
    if (o.which != 1) {
        printf("%srun 2: the same driver, unload guarded by WdfGetDriver()\n",
               o.which ? "" : "\n");
        play(1, &o);
        summary();
        ok &= model_rule_count(RULE_DOUBLE_UNLOAD) == 1;
    }
    printf("\n%s\n", ok ? "demo: as expected (the correct driver is clean; the stale guard "
                          "is caught as double-unload)"
                        : "demo: UNEXPECTED result, see the events above");
    return ok ? 0 : 1;
}
