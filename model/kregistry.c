/*
 * kregistry.c - the kernel's registry routines a DriverEntry reads its
 * parameters with (uf/registry.h): IoOpenDriverRegistryKey, ZwQueryValueKey,
 * ZwClose and RtlQueryRegistryValues, over the model's registry
 * (registry.c): the driver's Parameters key holds the REG_DWORD values the
 * program declared [S7], every other key is empty [S8].
 *
 * A key is a kernel handle in a small table; opening one is the allocation
 * site registry-open, so a run can make it fail. Each routine runs at
 * PASSIVE_LEVEL and is checked for IRQL like any DDI. What the routines can
 * do that the model does not (other information classes, REG_SZ defaults
 * written directly, deleting values) answers STATUS_NOT_IMPLEMENTED and
 * raises ddi-not-modelled [U1].
 *
 * Sources: learn.microsoft.com, the reference pages of
 * IoOpenDriverRegistryKey, ZwQueryValueKey, ZwClose, RtlQueryRegistryValues
 * and RTL_QUERY_REGISTRY_TABLE.
 */
#define WDFMODEL_NO_CALL_SITES
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "internal.h"
#include "wstr.h"

#define KEYS 16
#define HANDLE_BASE 0xFFFF800000000000ull /* kernel handles have the top bit set */

static struct {
    uint8_t open;
    uint8_t parameters; /* the driver's Parameters key */
} keys[KEYS];

void uf__kregistry_reset(void)
{
    memset(keys, 0, sizeof keys);
}

/* The gap a routine's unmodelled option is, at the driver's line. */
static NTSTATUS gap(const char *what)
{
    char detail[160];

    snprintf(detail, sizeof detail, "%s is not modelled: it returned STATUS_NOT_IMPLEMENTED", what);
    uf__violation(RULE_DDI_NOT_MODELLED, NULL, detail);
    return STATUS_NOT_IMPLEMENTED;
}

/* Opens a key: a slot and the registry-open site. */
static NTSTATUS key_open(int parameters, HANDLE *out)
{
    int i;

    for (i = 0; i < KEYS && keys[i].open; i++)
        ;
    if (i == KEYS || !uf__alloc_try(SITE_REGISTRY_OPEN))
        return STATUS_INSUFFICIENT_RESOURCES;
    keys[i].open = 1;
    keys[i].parameters = (uint8_t)parameters;
    *out = (HANDLE)(uintptr_t)(HANDLE_BASE | (uint64_t)(i + 1) << 2);
    return STATUS_SUCCESS;
}

/* The open key behind handle h, or -1. */
static int key_of(HANDLE h)
{
    uint64_t v = (uint64_t)(uintptr_t)h;
    uint64_t i = ((v & ~HANDLE_BASE) >> 2) - 1;

    if ((v & HANDLE_BASE) != HANDLE_BASE || (v & 3) || i >= KEYS || !keys[i].open)
        return -1;
    return (int)i;
}

/* A declared value of key k named by the counted string `name`, or NULL. */
static const ULONG *key_value(int k, PCUNICODE_STRING name)
{
    return k >= 0 && keys[k].parameters && name ? uf__registry_value(name) : NULL;
}

NTSTATUS IoOpenDriverRegistryKey(PDRIVER_OBJECT DriverObject, DRIVER_REGKEY_TYPE RegKeyType,
                                 ACCESS_MASK DesiredAccess, ULONG Flags, PHANDLE DriverRegKey)
{
    struct ddi_frame f;

    (void)DesiredAccess;
    if (!uf__ddi_enter_kernel(&f, DDI_IoOpenDriverRegistryKey))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!DriverObject || !DriverRegKey || Flags != 0 ||
        (unsigned)RegKeyType > (unsigned)DriverRegKeySharedPersistentState)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    *DriverRegKey = NULL;
    return uf__ddi_leave(&f, key_open(RegKeyType == DriverRegKeyParameters, DriverRegKey));
}

NTSTATUS ZwClose(HANDLE Handle)
{
    struct ddi_frame f;
    int k;

    if (!uf__ddi_enter_kernel(&f, DDI_ZwClose))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = key_of(Handle);
    if (k < 0)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    keys[k].open = 0;
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

NTSTATUS ZwQueryValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                         KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                         PVOID KeyValueInformation, ULONG Length, PULONG ResultLength)
{
    const ULONG header = (ULONG)offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data);
    const ULONG need = header + (ULONG)sizeof(ULONG);
    PKEY_VALUE_PARTIAL_INFORMATION info = KeyValueInformation;
    struct ddi_frame f;
    const ULONG *v;
    int k;

    if (!uf__ddi_enter_kernel(&f, DDI_ZwQueryValueKey))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = key_of(KeyHandle);
    if (k < 0)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!ResultLength || !ValueName)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    if (KeyValueInformationClass != KeyValuePartialInformation)
        return uf__ddi_leave(&f, gap("ZwQueryValueKey of an information class but"
                                     " KeyValuePartialInformation"));
    v = key_value(k, ValueName);
    if (!v)
        return uf__ddi_leave(&f, STATUS_OBJECT_NAME_NOT_FOUND);
    *ResultLength = need;
    /* Nothing written when even the fixed part does not fit; the fixed
     * part alone, and STATUS_BUFFER_OVERFLOW, when the data does not. */
    if (!info || Length < header)
        return uf__ddi_leave(&f, STATUS_BUFFER_TOO_SMALL);
    info->TitleIndex = 0;
    info->Type = REG_DWORD;
    info->DataLength = sizeof(ULONG);
    if (Length < need)
        return uf__ddi_leave(&f, STATUS_BUFFER_OVERFLOW);
    memcpy(info->Data, v, sizeof(ULONG));
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* Whether the counted or terminated string s names "Parameters". */
static int is_parameters(const WCHAR *s, size_t n)
{
    static const char want[] = "Parameters";
    size_t i, w = sizeof want - 1;

    if (n < w)
        return 0;
    s += n - w; /* a path ending in \Parameters */
    if (n > w && s[-1] != L'\\')
        return 0;
    for (i = 0; i < w; i++)
        if (uf__wupcase(s[i]) != uf__wupcase((WCHAR)want[i]))
            return 0;
    return 1;
}

/* One value row of the table, against the Parameters key (parameters) or an
 * empty one. Returns its status. */
static NTSTATUS query_row(const RTL_QUERY_REGISTRY_TABLE *row, int parameters, PVOID Context)
{
    UNICODE_STRING name;
    const ULONG *v;
    ULONG want;

    if (row->Flags & RTL_QUERY_REGISTRY_DELETE)
        return gap("RtlQueryRegistryValues with RTL_QUERY_REGISTRY_DELETE");
    if (row->Flags & RTL_QUERY_REGISTRY_NOVALUE)
        return row->QueryRoutine ? row->QueryRoutine(row->Name, REG_NONE, NULL, 0, Context,
                                                     row->EntryContext)
                                 : STATUS_SUCCESS;
    if (!row->Name)
        return gap("RtlQueryRegistryValues enumerating every value of a key");
    name.Buffer = row->Name;
    name.Length = (USHORT)(uf__wcslen(row->Name) * sizeof(WCHAR));
    name.MaximumLength = name.Length;
    v = parameters ? uf__registry_value(&name) : NULL;
    want = (row->Flags & RTL_QUERY_REGISTRY_TYPECHECK)
               ? row->DefaultType >> RTL_QUERY_REGISTRY_TYPECHECK_SHIFT
               : REG_NONE;
    if (v) {
        if ((row->Flags & RTL_QUERY_REGISTRY_TYPECHECK) && want != REG_DWORD)
            return STATUS_OBJECT_TYPE_MISMATCH;
        if (row->Flags & RTL_QUERY_REGISTRY_DIRECT) {
            /* A REG_DWORD's four bytes go where EntryContext points. */
            if (!row->EntryContext)
                return STATUS_INVALID_PARAMETER;
            memcpy(row->EntryContext, v, sizeof(ULONG));
            return STATUS_SUCCESS;
        }
        return row->QueryRoutine ? row->QueryRoutine(row->Name, REG_DWORD, (PVOID)v,
                                                     sizeof(ULONG), Context, row->EntryContext)
                                 : STATUS_SUCCESS;
    }
    /* Absent: an error when required, nothing when no default, else the
     * default as though it had been read. */
    if (row->Flags & RTL_QUERY_REGISTRY_REQUIRED)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    if ((row->DefaultType & ~RTL_QUERY_REGISTRY_TYPECHECK_MASK) == REG_NONE)
        return STATUS_SUCCESS;
    if (row->Flags & RTL_QUERY_REGISTRY_DIRECT) {
        if ((row->DefaultType & ~RTL_QUERY_REGISTRY_TYPECHECK_MASK) != REG_DWORD)
            return gap("RtlQueryRegistryValues writing a default other than a REG_DWORD");
        if (!row->EntryContext || !row->DefaultData)
            return STATUS_INVALID_PARAMETER;
        memmove(row->EntryContext, row->DefaultData, sizeof(ULONG));
        return STATUS_SUCCESS;
    }
    return row->QueryRoutine ? row->QueryRoutine(row->Name,
                                                 row->DefaultType & ~RTL_QUERY_REGISTRY_TYPECHECK_MASK,
                                                 row->DefaultData, row->DefaultLength, Context,
                                                 row->EntryContext)
                             : STATUS_SUCCESS;
}

NTSTATUS RtlQueryRegistryValues(ULONG RelativeTo, PCWSTR Path, PRTL_QUERY_REGISTRY_TABLE QueryTable,
                                PVOID Context, PVOID Environment)
{
    PRTL_QUERY_REGISTRY_TABLE row;
    struct ddi_frame f;
    NTSTATUS st = STATUS_SUCCESS;
    HANDLE mine = NULL;
    int top, params;

    (void)Environment;
    if (!uf__ddi_enter_kernel(&f, DDI_RtlQueryRegistryValues))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!QueryTable)
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    /* The key: an open one's handle, or a path opened for the query. */
    if ((RelativeTo & ~RTL_REGISTRY_OPTIONAL) == RTL_REGISTRY_HANDLE) {
        top = key_of((HANDLE)Path);
        if (top < 0)
            return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    } else {
        st = key_open(Path && is_parameters(Path, uf__wcslen(Path)), &mine);
        if (!NT_SUCCESS(st))
            return uf__ddi_leave(&f, st);
        top = key_of(mine);
    }
    params = keys[top].parameters;
    for (row = QueryTable; row->QueryRoutine || row->Name; row++) {
        if (row->Flags & RTL_QUERY_REGISTRY_TOPKEY)
            params = keys[top].parameters;
        if (row->Flags & RTL_QUERY_REGISTRY_SUBKEY) {
            /* Only the service key's Parameters subkey holds anything. */
            if (row->Name)
                params = is_parameters(row->Name, uf__wcslen(row->Name));
            if (!row->QueryRoutine)
                continue;
        }
        st = query_row(row, params, Context);
        if (!NT_SUCCESS(st))
            break;
    }
    if (mine)
        keys[key_of(mine)].open = 0;
    return uf__ddi_leave(&f, st);
}
