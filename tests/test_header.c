/*
 * test_header.c - the WDF-shaped header compiles real driver idioms and
 * keeps the real layouts, initializers and macros.
 *
 * Driver code is written against Microsoft's headers; what it relies on
 * there must hold here: structure members in the documented order, the
 * *_INIT functions' defaults, timeout arithmetic, NT_SUCCESS, SAL
 * annotations and function-type declarations, and a context type declared
 * in a header being one type across translation units.
 */
#include <stdio.h>
#include <string.h>

#include "header_ctx.h"
#include "testlib.h"

/* Function-type declarations and SAL, as drivers write them. */
static EVT_WDF_TIMER HeaderTimerFunc;
static EVT_WDF_WORKITEM HeaderWorkFunc;
static EVT_WDF_OBJECT_CONTEXT_CLEANUP HeaderCleanup;

_Use_decl_annotations_
static VOID HeaderTimerFunc(_In_ WDFTIMER Timer) { UNREFERENCED_PARAMETER(Timer); }
static VOID HeaderWorkFunc(_In_ WDFWORKITEM WorkItem) { UNREFERENCED_PARAMETER(WorkItem); }
static VOID HeaderCleanup(_In_ WDFOBJECT Object) { UNREFERENCED_PARAMETER(Object); }

_IRQL_requires_max_(DISPATCH_LEVEL) _Must_inspect_result_
static NTSTATUS annotated(_In_ ULONG In, _Out_ PULONG Out, _In_opt_ PVOID Opt,
                          __in ULONG Old, __out_opt PULONG OldOut)
{
    UNREFERENCED_PARAMETER(Opt);
    UNREFERENCED_PARAMETER(OldOut);
    *Out = In + Old;
    return STATUS_SUCCESS;
}

#define IN_ORDER(type, a, b) assert_true(offsetof(type, a) < offsetof(type, b))

/* Structure members come in the real headers' order. */
static void layouts_follow_the_real_headers(void **state)
{
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, Size, EvtCleanupCallback);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, EvtCleanupCallback, EvtDestroyCallback);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, EvtDestroyCallback, ExecutionLevel);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, ExecutionLevel, SynchronizationScope);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, SynchronizationScope, ParentObject);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, ParentObject, ContextSizeOverride);
    IN_ORDER(WDF_OBJECT_ATTRIBUTES, ContextSizeOverride, ContextTypeInfo);
    IN_ORDER(WDF_DRIVER_CONFIG, Size, EvtDriverDeviceAdd);
    IN_ORDER(WDF_DRIVER_CONFIG, EvtDriverDeviceAdd, EvtDriverUnload);
    IN_ORDER(WDF_DRIVER_CONFIG, EvtDriverUnload, DriverInitFlags);
    IN_ORDER(WDF_DRIVER_CONFIG, DriverInitFlags, DriverPoolTag);
    IN_ORDER(WDF_TIMER_CONFIG, Size, EvtTimerFunc);
    IN_ORDER(WDF_TIMER_CONFIG, EvtTimerFunc, Period);
    IN_ORDER(WDF_TIMER_CONFIG, Period, AutomaticSerialization);
    IN_ORDER(WDF_TIMER_CONFIG, AutomaticSerialization, TolerableDelay);
    IN_ORDER(WDF_TIMER_CONFIG, TolerableDelay, UseHighResolutionTimer);
    IN_ORDER(WDF_WORKITEM_CONFIG, Size, EvtWorkItemFunc);
    IN_ORDER(WDF_WORKITEM_CONFIG, EvtWorkItemFunc, AutomaticSerialization);
    IN_ORDER(WDF_OBJECT_CONTEXT_TYPE_INFO, Size, ContextName);
    IN_ORDER(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextName, ContextSize);
    IN_ORDER(WDF_OBJECT_CONTEXT_TYPE_INFO, ContextSize, UniqueType);
    IN_ORDER(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType, EvtDriverGetUniqueContextType);
    assert_int_equal(sizeof(ULONG), 4);
    assert_int_equal(sizeof(LONGLONG), 8);
    assert_int_equal(sizeof(NTSTATUS), 4);
}

/* The *_INIT functions set what the real ones set. */
static void initializers_match(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDF_DRIVER_CONFIG d;
    WDF_TIMER_CONFIG t;
    WDF_WORKITEM_CONFIG w;

    memset(&a, 0xFF, sizeof(a));
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    assert_int_equal(a.Size, sizeof(WDF_OBJECT_ATTRIBUTES));
    assert_int_equal(a.ExecutionLevel, WdfExecutionLevelInheritFromParent);
    assert_int_equal(a.SynchronizationScope, WdfSynchronizationScopeInheritFromParent);
    assert_null(a.ParentObject);
    assert_null(a.EvtCleanupCallback);
    assert_null(a.ContextTypeInfo);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SHARED_CONTEXT);
    assert_ptr_equal(a.ContextTypeInfo, WDF_GET_CONTEXT_TYPE_INFO(SHARED_CONTEXT));
    assert_string_equal(a.ContextTypeInfo->ContextName, "SHARED_CONTEXT");
    assert_int_equal(a.ContextTypeInfo->ContextSize, sizeof(SHARED_CONTEXT));

    WDF_DRIVER_CONFIG_INIT(&d, WDF_NO_EVENT_CALLBACK);
    assert_int_equal(d.Size, sizeof(d));
    assert_int_equal(d.DriverInitFlags, 0);
    assert_null(d.EvtDriverUnload);

    WDF_TIMER_CONFIG_INIT_PERIODIC(&t, HeaderTimerFunc, 250);
    assert_int_equal(t.Period, 250);
    assert_true(t.AutomaticSerialization);
    assert_ptr_equal(t.EvtTimerFunc, HeaderTimerFunc);
    WDF_TIMER_CONFIG_INIT(&t, HeaderTimerFunc);
    assert_int_equal(t.Period, 0);

    WDF_WORKITEM_CONFIG_INIT(&w, HeaderWorkFunc);
    assert_true(w.AutomaticSerialization);
    assert_ptr_equal(w.EvtWorkItemFunc, HeaderWorkFunc);
}

/* Timeouts are in 100 ns units, negative for relative. */
static void timeouts_and_statuses(void **state)
{
    ULONG out = 0;

    assert_true(WDF_REL_TIMEOUT_IN_MS(5) == -50000);
    assert_true(WDF_ABS_TIMEOUT_IN_MS(5) == 50000);
    assert_true(WDF_REL_TIMEOUT_IN_SEC(1) == -10000000);
    assert_true(WDF_REL_TIMEOUT_IN_US(3) == -30);
    assert_true(NT_SUCCESS(STATUS_SUCCESS));
    assert_true(NT_SUCCESS(STATUS_OBJECT_NAME_EXISTS));
    assert_true(NT_SUCCESS(STATUS_TIMEOUT));
    assert_false(NT_SUCCESS(STATUS_INSUFFICIENT_RESOURCES));
    assert_false(NT_SUCCESS(STATUS_WDF_PARENT_NOT_SPECIFIED));
    assert_int_equal(annotated(1, &out, NULL, 2, NULL), STATUS_SUCCESS);
    assert_int_equal(out, 3);
}

/* A context type declared in a header is one type in every translation
 * unit, as __declspec(selectany) makes it in the real header. */
static void context_type_is_one_across_units(void **state)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFOBJECT o;

    assert_ptr_equal(tu2_type_info(), WDF_GET_CONTEXT_TYPE_INFO(SHARED_CONTEXT));
    t_driver();
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, SHARED_CONTEXT);
    a.EvtCleanupCallback = HeaderCleanup;
    assert_int_equal(WdfObjectCreate(&a, &o), STATUS_SUCCESS);
    SharedGetContext(o)->Value = 77;
    assert_ptr_equal(tu2_get_context(o), SharedGetContext(o));
    {
        PSHARED_CONTEXT ctx = WdfObjectGetTypedContext(o, SHARED_CONTEXT);

        assert_int_equal(ctx->Value, 77);
    }
    t_expect_quiet();
}

/* Handles of any WDF type pass where a WDFOBJECT is taken, without casts,
 * and each DDI call records the driver's line for its violations. */
static void handles_convert_and_calls_carry_their_line(void **state)
{
    WDFCOLLECTION c;
    char expect[64];

    t_driver();
    assert_int_equal(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &c), STATUS_SUCCESS);
    WdfObjectDelete(c);
    t_expect_quiet();
    snprintf(expect, sizeof(expect), "at test_header.c:%d:", __LINE__ + 1);
    WdfObjectDelete(c);
    t_expect_only(RULE_HANDLE_USE_AFTER_FREE, 1);
    t_expect_events_in_order(expect, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(layouts_follow_the_real_headers, t_setup),
        cmocka_unit_test_setup(initializers_match, t_setup),
        cmocka_unit_test_setup(timeouts_and_statuses, t_setup),
        cmocka_unit_test_setup(context_type_is_one_across_units, t_setup),
        cmocka_unit_test_setup(handles_convert_and_calls_carry_their_line, t_setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
