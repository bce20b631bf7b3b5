/*
 * driver.cpp - a KMDF miniport written in C++ as kernel drivers are: its
 * adapter is a class made with the pool new of NewDelete.h, whose
 * constructor allocates and whose error path the driver checks, and
 * deleted through a virtual destructor, so the sized operator delete frees
 * it. For tests/test_cxx.c ([V1]-[V3] in docs/WDF-SEMANTICS.md): a failed
 * new must yield NULL without running the constructor, and the adapter's
 * own allocation failing must reach Init's error path and the delete.
 *
 * UF_BUG_GLOBAL_CTOR: a global with a constructor and a destructor, which
 * the kernel never runs (cxx-global-constructor at every load); the driver
 * logs whether it was constructed.
 */
#include <wdf.h>

#include "NewDelete.h"
#include "cxxdrv.h"
#include "unloadfuzz_driver.h"

char CxxLog[CXX_LOG_BYTES];

void CxxNote(const char *word)
{
    size_t used = strlen(CxxLog);
    size_t n = strlen(word ? word : "(null)");

    if (used + n + 2 > sizeof CxxLog)
        return;
    memcpy(CxxLog + used, word ? word : "(null)", n);
    CxxLog[used + n] = ' ';
    CxxLog[used + n + 1] = '\0';
}

/* The adapter: statistics in a pool block of their own. */
class Adapter : public Component {
public:
    Adapter() : m_Magic(0x41444150), m_Stats(NULL)
    {
        CxxNote("ctor");
        m_Stats = (PULONG)ExAllocatePool2(POOL_FLAG_NON_PAGED, 16 * sizeof(ULONG), CXX_TAG);
    }
    ~Adapter() override
    {
        CxxNote("dtor");
        if (m_Stats != NULL)
            ExFreePoolWithTag(m_Stats, CXX_TAG);
    }
    const char *Describe() override { return "adapter"; }
    /* The constructor's allocation: STATUS_INSUFFICIENT_RESOURCES when it failed. */
    NTSTATUS Init() const { return m_Stats != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES; }

private:
    ULONG m_Magic;  /* written by the constructor: at NULL, a crash */
    PULONG m_Stats; /* the statistics, or NULL when their allocation failed */
};

static Adapter *TheAdapter; /* the one device's, from arrival to removal */
static WDFDEVICE TheDevice;  /* its miniport device */
static BOOLEAN Loaded;      /* WdfDriverCreate succeeded */

#ifdef UF_BUG_GLOBAL_CTOR
/* What the driver would have set up before DriverEntry, were constructors run. */
class Registration {
public:
    Registration() : m_Ready(TRUE) {}
    ~Registration() { m_Ready = FALSE; }
    BOOLEAN Ready() const { return m_Ready; }

private:
    BOOLEAN m_Ready;
};
static Registration TheRegistration;
#endif

static NTSTATUS CxxEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status;

#ifdef UF_BUG_GLOBAL_CTOR
    CxxNote(TheRegistration.Ready() ? "constructed" : "unconstructed");
#endif
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNoDispatchOverride;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        Loaded = TRUE;
    return status;
}

static NTSTATUS CxxArrival(PDEVICE_OBJECT Fdo, PDEVICE_OBJECT NextDevice, PDEVICE_OBJECT Pdo)
{
    WDFDEVICE device;
    NTSTATUS status;
    Adapter *adapter;

    if (TheAdapter != NULL)
        return STATUS_DEVICE_BUSY; /* one device at a time */
    adapter = new (POOL_FLAG_NON_PAGED, CXX_TAG) Adapter();
    if (adapter == NULL) {
        CxxNote("no-adapter");
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = adapter->Init();
    if (!NT_SUCCESS(status)) {
        CxxNote("init-failed");
        delete adapter;
        return status;
    }
    status = WdfDeviceMiniportCreate(WdfGetDriver(), WDF_NO_OBJECT_ATTRIBUTES, Fdo, NextDevice,
                                     Pdo, &device);
    if (!NT_SUCCESS(status)) {
        delete adapter;
        return status;
    }
    CxxNote(CxxDescribe(adapter));
    TheAdapter = adapter;
    TheDevice = device;
    return STATUS_SUCCESS;
}

static VOID CxxRemoval(PDEVICE_OBJECT Fdo)
{
    UNREFERENCED_PARAMETER(Fdo);
    if (TheDevice != NULL)
        WdfObjectDelete(TheDevice);
    TheDevice = NULL;
    delete TheAdapter; /* the virtual destructor, then the sized delete */
    TheAdapter = NULL;
}

static VOID CxxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (Loaded) {
        Loaded = FALSE;
        WdfDriverMiniportUnload(WdfGetDriver());
    }
}

UF_DRIVER(.flavour = UF_PORT_NDIS, .entry = CxxEntry, .device_arrival = CxxArrival,
          .device_removal = CxxRemoval, .unload = CxxUnload);
