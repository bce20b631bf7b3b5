/*
 * testlib.c - see testlib.h.
 */
#include "testlib.h"

#include <stdio.h>
#include <string.h>

#define LOG_MAX 256
#define EVENTS_MAX (64 * 1024)

DRIVER_OBJECT t_driver_object;
DEVICE_OBJECT t_device_objects[4];

static char log_entries[LOG_MAX][48];
static int log_n;
static uint32_t counts[RULE__COUNT];
static uint32_t total;
static char events[EVENTS_MAX];
static size_t events_len;

void t_record(const struct model_event *ev, void *arg)
{
    char line[512];
    int n;

    (void)arg;
    if (ev->kind == EV_VIOLATION) {
        counts[ev->rule]++;
        total++;
    }
    n = model_event_format(ev, line, sizeof(line));
    if (n > 0 && events_len + (size_t)n + 2 < EVENTS_MAX) {
        memcpy(events + events_len, line, (size_t)n);
        events_len += (size_t)n;
        events[events_len++] = '\n';
        events[events_len] = 0;
    }
}

int t_setup(void **state)
{
    (void)state;
    model_reset();
    model_set_sink(t_record, NULL);
    memset(&t_driver_object, 0, sizeof(t_driver_object));
    memset(t_device_objects, 0, sizeof(t_device_objects));
    t_log_clear();
    t_forget_violations();
    t_events_clear();
    return 0;
}

void t_log(const char *fmt, ...)
{
    va_list ap;

    assert_true(log_n < LOG_MAX);
    va_start(ap, fmt);
    vsnprintf(log_entries[log_n++], sizeof(log_entries[0]), fmt, ap);
    va_end(ap);
}

void t_log_clear(void) { log_n = 0; }

int t_log_index(const char *entry)
{
    int i;

    for (i = 0; i < log_n; i++)
        if (!strcmp(log_entries[i], entry))
            return i;
    return -1;
}

void t_expect_log(const char *first, ...)
{
    va_list ap;
    const char *e;
    int i = 0;

    va_start(ap, first);
    for (e = first; e; e = va_arg(ap, const char *), i++) {
        if (i >= log_n)
            fail_msg("callback log ends before '%s' (%d entries)", e, log_n);
        if (strcmp(log_entries[i], e))
            fail_msg("callback log entry %d is '%s', expected '%s'", i, log_entries[i], e);
    }
    va_end(ap);
    if (i != log_n)
        fail_msg("callback log has %d entries, expected %d (extra: '%s')", log_n, i,
                 log_entries[i]);
}

void t_cleanup(WDFOBJECT o) { t_log("cleanup o%u", model_handle_id(o)); }
void t_destroy(WDFOBJECT o) { t_log("destroy o%u", model_handle_id(o)); }

void t_unload(WDFDRIVER d)
{
    (void)d;
    t_log("unload");
}

void t_attributes(WDF_OBJECT_ATTRIBUTES *a, WDFOBJECT parent)
{
    WDF_OBJECT_ATTRIBUTES_INIT(a);
    a->EvtCleanupCallback = t_cleanup;
    a->EvtDestroyCallback = t_destroy;
    a->ParentObject = parent;
}

WDFDRIVER t_driver(void)
{
    static WCHAR path[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\t";
    static UNICODE_STRING registry = {sizeof(path) - sizeof(WCHAR), sizeof(path), path};
    WDF_OBJECT_ATTRIBUTES a;
    WDF_DRIVER_CONFIG config;
    WDFDRIVER d = NULL;

    t_attributes(&a, NULL);
    WDF_DRIVER_CONFIG_INIT(&config, NULL);
    config.DriverInitFlags = WdfDriverInitNoDispatchOverride;
    assert_int_equal(WdfDriverCreate(&t_driver_object, &registry, &a, &config, &d),
                     STATUS_SUCCESS);
    assert_non_null(d);
    return d;
}

WDFDEVICE t_device(int n)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE dev = NULL;

    t_attributes(&a, NULL);
    assert_int_equal(WdfDeviceMiniportCreate(WdfGetDriver(), &a, &t_device_objects[n], NULL,
                                             NULL, &dev),
                     STATUS_SUCCESS);
    assert_non_null(dev);
    return dev;
}

WDFOBJECT t_object(WDFOBJECT parent, WDF_EXECUTION_LEVEL exec)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o = NULL;

    t_attributes(&a, parent);
    a.ExecutionLevel = exec;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    assert_non_null(o);
    return o;
}

uint32_t t_id(WDFOBJECT h) { return model_handle_id(h); }

enum model_state t_state(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(model_handle_id(h), &info), 0);
    return info.state;
}

int32_t t_refs(WDFOBJECT h)
{
    struct model_object_info info;

    assert_int_equal(model_object_info(model_handle_id(h), &info), 0);
    return info.refs;
}

void t_forget_violations(void)
{
    memset(counts, 0, sizeof(counts));
    total = 0;
}

/* Prints every rule that fired, to explain a failure. */
static void dump(void)
{
    int r;

    for (r = 0; r < RULE__COUNT; r++)
        if (counts[r])
            print_error("  fired: %s x%u\n", model_rule_id((enum model_rule)r), counts[r]);
    print_error("events:\n%s", events);
}

void t_expect_quiet_at(const char *file, int line)
{
    if (total) {
        dump();
        fail_msg("%s:%d: expected no violation, got %u", file, line, total);
    }
}

void t_expect_only_at(enum model_rule r, uint32_t n, const char *file, int line)
{
    if (counts[r] != n || total != n) {
        dump();
        fail_msg("%s:%d: expected %s x%u and nothing else, got %u of it and %u in all", file,
                 line, model_rule_id(r), n, counts[r], total);
    }
}

const char *t_events(void) { return events; }

void t_events_clear(void)
{
    events_len = 0;
    events[0] = 0;
}

void t_expect_events_in_order(const char *first, ...)
{
    va_list ap;
    const char *e, *at = events, *hit;

    va_start(ap, first);
    for (e = first; e; e = va_arg(ap, const char *)) {
        hit = strstr(at, e);
        if (!hit) {
            print_error("events:\n%s", events);
            fail_msg("event '%s' missing (or out of order)", e);
        }
        at = hit + strlen(e);
    }
    va_end(ap);
}
