/*
 * devinterface.c - the I/O manager's device interfaces (uf/io.h): the
 * symbolic link names a driver registers on its PDO, enables and describes
 * with properties, and the string routine that frees a name [W10].
 *
 * An interface is a slot of a small table holding its symbolic link name
 * (\??\UF#PDO<n>#{class}\reference), which IoRegisterDeviceInterface
 * returns in a buffer of the table's: RtlFreeUnicodeString frees it (a
 * buffer it did not return is not modelled, and says so). Registering the
 * same class and reference on the same PDO again returns the same name, as
 * the I/O manager does. Properties are accepted and kept nowhere: nothing
 * in the model reads them. Each routine runs at PASSIVE_LEVEL and is
 * checked for IRQL like any DDI; registration is the allocation site
 * device-interface, so a run can make it fail.
 *
 * PsGetCurrentThread returns a token of the run's one thread.
 *
 * Sources: learn.microsoft.com, the reference pages of
 * IoRegisterDeviceInterface, IoSetDeviceInterfaceState,
 * IoSetDeviceInterfacePropertyData, RtlFreeUnicodeString and
 * PsGetCurrentThread.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"

#define INTERFACES 32
#define NAME_CHARS 96

static struct {
    uint8_t used;      /* registered */
    uint8_t name_out;  /* its name was handed out and not freed yet */
    const void *pdo;
    GUID guid;
    WCHAR reference[24];
    WCHAR name[NAME_CHARS];
} ifs[INTERFACES];

void uf__devinterface_reset(void)
{
    memset(ifs, 0, sizeof ifs);
}

/* The interface whose name buffer `buffer` is, or -1. */
static int of_buffer(const WCHAR *buffer)
{
    int i;

    for (i = 0; i < INTERFACES; i++)
        if (ifs[i].used && buffer == ifs[i].name)
            return i;
    return -1;
}

static void put(WCHAR *to, size_t *n, const char *s)
{
    while (*s && *n + 1 < NAME_CHARS)
        to[(*n)++] = (WCHAR)*s++;
}

NTSTATUS IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
                                   const GUID *InterfaceClassGuid, PUNICODE_STRING ReferenceString,
                                   PUNICODE_STRING SymbolicLinkName)
{
    struct ddi_frame f;
    WCHAR ref[24] = {0};
    char text[64];
    size_t n = 0, k, len;
    int i, slot = -1;

    if (!uf__ddi_enter_kernel(&f, DDI_IoRegisterDeviceInterface))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (PhysicalDeviceObject == NULL || InterfaceClassGuid == NULL || SymbolicLinkName == NULL)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    len = ReferenceString && ReferenceString->Buffer ? ReferenceString->Length / sizeof(WCHAR) : 0;
    for (k = 0; k < len && k + 1 < sizeof ref / sizeof ref[0]; k++)
        ref[k] = ReferenceString->Buffer[k];
    for (i = 0; i < INTERFACES; i++) {
        if (ifs[i].used && ifs[i].pdo == PhysicalDeviceObject &&
            memcmp(&ifs[i].guid, InterfaceClassGuid, sizeof(GUID)) == 0 &&
            memcmp(ifs[i].reference, ref, sizeof ref) == 0)
            break;
        if (!ifs[i].used && slot < 0)
            slot = i;
    }
    if (i == INTERFACES) {
        if (slot < 0 || !uf__alloc_try(SITE_DEVICE_INTERFACE))
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        i = slot;
        memset(&ifs[i], 0, sizeof ifs[i]);
        ifs[i].used = 1;
        ifs[i].pdo = PhysicalDeviceObject;
        ifs[i].guid = *InterfaceClassGuid;
        memcpy(ifs[i].reference, ref, sizeof ref);
        snprintf(text, sizeof text, "\\??\\UF#PDO%d#{%08X-%04X-%04X}", i,
                 (unsigned)InterfaceClassGuid->Data1, InterfaceClassGuid->Data2,
                 InterfaceClassGuid->Data3);
        put(ifs[i].name, &n, text);
        if (ref[0]) {
            put(ifs[i].name, &n, "\\");
            for (k = 0; ref[k] && n + 1 < NAME_CHARS; k++)
                ifs[i].name[n++] = ref[k];
        }
    }
    for (n = 0; ifs[i].name[n]; n++)
        ;
    ifs[i].name_out = 1;
    SymbolicLinkName->Buffer = ifs[i].name;
    SymbolicLinkName->Length = (USHORT)(n * sizeof(WCHAR));
    SymbolicLinkName->MaximumLength = (USHORT)sizeof ifs[i].name;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* The interface a symbolic link name names, or -1. */
static int of_name(const UNICODE_STRING *s)
{
    int i;

    if (s == NULL || s->Buffer == NULL)
        return -1;
    for (i = 0; i < INTERFACES; i++)
        if (ifs[i].used && s->Length <= sizeof ifs[i].name &&
            memcmp(s->Buffer, ifs[i].name, s->Length) == 0 &&
            ifs[i].name[s->Length / sizeof(WCHAR)] == 0)
            return i;
    return -1;
}

NTSTATUS IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName, BOOLEAN Enable)
{
    struct ddi_frame f;

    (void)Enable;
    if (!uf__ddi_enter_kernel(&f, DDI_IoSetDeviceInterfaceState))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (of_name(SymbolicLinkName) < 0)
        return uf__ddi_leave(&f, STATUS_OBJECT_NAME_NOT_FOUND);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS IoSetDeviceInterfacePropertyData(PUNICODE_STRING SymbolicLinkName,
                                          const DEVPROPKEY *PropertyKey, LCID Lcid, ULONG Flags,
                                          DEVPROPTYPE Type, ULONG Size, PVOID Data)
{
    struct ddi_frame f;

    (void)Lcid;
    (void)Flags;
    (void)Type;
    if (!uf__ddi_enter_kernel(&f, DDI_IoSetDeviceInterfacePropertyData))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (PropertyKey == NULL || (Size != 0 && Data == NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    if (of_name(SymbolicLinkName) < 0)
        return uf__ddi_leave(&f, STATUS_OBJECT_NAME_NOT_FOUND);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    struct ddi_frame f;
    int i;

    if (!uf__ddi_enter_kernel(&f, DDI_RtlFreeUnicodeString)) {
        uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    if (UnicodeString == NULL || UnicodeString->Buffer == NULL) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    i = of_buffer(UnicodeString->Buffer);
    if (i < 0 || !ifs[i].name_out) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        model_not_modelled("RtlFreeUnicodeString (of a string the model did not allocate)");
        return;
    }
    ifs[i].name_out = 0;
    UnicodeString->Buffer = NULL;
    UnicodeString->Length = UnicodeString->MaximumLength = 0;
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

PETHREAD PsGetCurrentThread(VOID)
{
    static char thread; /* the run's one thread */

    return (PETHREAD)(void *)&thread;
}
