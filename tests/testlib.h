/*
 * testlib.h - what every model test shares: a fresh model per test, a sink
 * that records violations and event lines, and short builders for the usual
 * objects (a driver, a miniport device, a generic object with callbacks).
 *
 * The callbacks the builders install append "cleanup oN" / "destroy oN" to a
 * callback log, so a test can check the order the framework calls them in.
 */
#ifndef UNLOADFUZZ_TESTLIB_H
#define UNLOADFUZZ_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "model.h"

/* HAVE_ASAN under AddressSanitizer (clang or gcc), with its interface, for
 * the tests that look at poisoned memory. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#endif
#ifdef HAVE_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* cmocka setup: model_reset() and a recording sink. Returns 0. */
int t_setup(void **state);
/* The recording sink t_setup installs, for a test that runs the port
 * simulation (which sets its own sink and passes events on: uf_port_set_sink). */
void t_record(const struct model_event *ev, void *arg);

/* The WDM objects the builders hand to the framework. */
extern DRIVER_OBJECT t_driver_object;
extern DEVICE_OBJECT t_device_objects[4];

/* WdfDriverCreate with WdfDriverInitNoDispatchOverride and recording
 * cleanup/destroy callbacks, and no EvtDriverUnload, as real miniports do
 * (the framework would never call it [C1]). Asserts success. */
WDFDRIVER t_driver(void);
/* WdfDeviceMiniportCreate for t_device_objects[n] under the driver, with
 * recording callbacks. Asserts success. */
WDFDEVICE t_device(int n);
/* WdfObjectCreate with recording callbacks under `parent` (NULL: the
 * default parent) at execution level `exec`. Asserts success. */
WDFOBJECT t_object(WDFOBJECT parent, WDF_EXECUTION_LEVEL exec);
/* Attributes with recording callbacks and the given parent. */
void t_attributes(WDF_OBJECT_ATTRIBUTES *a, WDFOBJECT parent);

/* The recording callbacks, for tests that build attributes themselves. */
EVT_WDF_OBJECT_CONTEXT_CLEANUP t_cleanup;
EVT_WDF_OBJECT_CONTEXT_DESTROY t_destroy;
/* An EvtDriverUnload that logs "unload", for the tests of [C1]. */
EVT_WDF_DRIVER_UNLOAD t_unload;

/* The stable id of a handle (0 for none). */
uint32_t t_id(WDFOBJECT h);
/* The object's state and reference count. */
enum model_state t_state(WDFOBJECT h);
int32_t t_refs(WDFOBJECT h);

/* The callback log: entries like "cleanup o3", "destroy o3", "unload". */
void t_log(const char *fmt, ...);
/* Asserts that the callback log is exactly the NULL-terminated list. */
void t_expect_log(const char *first, ...);
/* Index of `entry` in the callback log, -1 when absent. */
int t_log_index(const char *entry);
void t_log_clear(void);

/* Asserts no violation at all so far. */
#define t_expect_quiet() t_expect_quiet_at(__FILE__, __LINE__)
void t_expect_quiet_at(const char *file, int line);
/* Asserts that rule `r` fired exactly `n` times and nothing else fired. */
#define t_expect_only(r, n) t_expect_only_at((r), (n), __FILE__, __LINE__)
void t_expect_only_at(enum model_rule r, uint32_t n, const char *file, int line);
/* Clears the violation record (not the model's own counters). */
void t_forget_violations(void);

/* The event lines recorded so far, '\n'-separated. */
const char *t_events(void);
/* Forgets the events recorded so far. */
void t_events_clear(void);
/* Asserts the event lines contain each NULL-terminated entry, in order. */
void t_expect_events_in_order(const char *first, ...);

#endif
