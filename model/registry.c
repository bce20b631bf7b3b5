/*
 * registry.c - WDFSTRING (wdfstring.h) and WDFKEY (wdfregistry.h,
 * WdfDriverOpenParametersRegistryKey of wdfdriver.h).
 *
 * A string is a framework object holding a paged copy of the driver's
 * UNICODE_STRING [S1]; WdfStringGetUnicodeString hands out a view of that
 * copy, valid as long as the object [S2]. A key is a framework object
 * around a kernel registry handle: it opens once committed under its
 * parent (the driver unless the attributes say otherwise; never the parent
 * key, which only gives the root of the name) [S3], and its handle is
 * closed by WdfRegistryClose, which then deletes it, or else when the
 * object is destroyed, at unload at the latest [S5] [S6]. Both dispose at
 * PASSIVE_LEVEL (and keys call back there).
 *
 * The model's registry holds what the program put there and nothing else:
 * every key opens (a name without a root key must be an absolute path),
 * the driver's Parameters key holds the REG_DWORD values a driver program
 * declares (`registry NAME=VALUE`, model_registry_set) [S7], every other
 * value is absent, and a value written is accepted and not kept [S4]. With
 * nothing declared that is what a driver finds on a machine with nothing
 * configured; each run starts from it. The framework's allocations are all
 * made, in its order, so each can fail.
 *
 * Sources: shared/support/fxstringapi.cpp, fxstring.cpp, stringutil.cpp,
 * fxregistryapi.cpp, km/fxregkeykm.cpp, shared/core/km/fxdriverapikm.cpp.
 */
#define WDFMODEL_NO_CALL_SITES
#include <ctype.h>
#include <strings.h>

#include "alloc.h"
#include "internal.h"

/* The values of the driver's Parameters key, as the program declared them. */
static struct {
    char name[32];
    ULONG value;
} values[MODEL_REGISTRY_VALUES];
static uint32_t nvalues;

int model_registry_set(const char *name, uint32_t value)
{
    uint32_t i;

    for (i = 0; i < nvalues; i++)
        if (strcasecmp(values[i].name, name) == 0)
            break;
    if (i == MODEL_REGISTRY_VALUES || strlen(name) >= sizeof values[0].name)
        return -1;
    if (i == nvalues) {
        strcpy(values[i].name, name);
        nvalues++;
    }
    values[i].value = value;
    return 0;
}

void uf__registry_reset(void)
{
    nvalues = 0;
}

/* The declared value named `name` (UTF-16, compared without case, as the
 * registry compares), or NULL. */
const ULONG *uf__registry_value(PCUNICODE_STRING name)
{
    size_t n = name->Length / sizeof(WCHAR), i, j;

    for (i = 0; i < nvalues; i++) {
        if (strlen(values[i].name) != n)
            continue;
        for (j = 0; j < n; j++) {
            WCHAR c = name->Buffer[j];

            if (c > 0x7F || tolower((unsigned char)c) != tolower((unsigned char)values[i].name[j]))
                break;
        }
        if (j == n)
            return &values[i].value;
    }
    return NULL;
}

/* FxValidateUnicodeString: even lengths, a buffer behind a nonzero maximum,
 * the length within the maximum. 1 when valid. */
static int unicode_valid(PCUNICODE_STRING s)
{
    return !(s->Length & 1) && !(s->MaximumLength & 1) && !(s->MaximumLength && !s->Buffer) &&
           s->Length <= s->MaximumLength;
}

/* ---- strings ---- */

NTSTATUS WdfStringCreate(PCUNICODE_STRING UnicodeString, PWDF_OBJECT_ATTRIBUTES StringAttributes,
                         WDFSTRING *String)
{
    struct ddi_frame f;
    struct obj *parent, *s;
    NTSTATUS st;
    uint32_t bytes = 0;

    if (!uf__ddi_enter(&f, DDI_WdfStringCreate, NULL))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!String) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "String is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *String = NULL;
    st = uf__obj_resolve_parent(StringAttributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return uf__ddi_leave(&f, st);
    if (UnicodeString && !unicode_valid(UnicodeString))
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    s = uf__obj_new(TYPE_STRING, SITE_STRING_OBJECT);
    if (!s)
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    if (UnicodeString) {
        /* FxDuplicateUnicodeString: the length and a terminator must fit a
         * USHORT (RtlUShortAdd), then always one paged allocation. */
        bytes = (uint32_t)UnicodeString->Length + sizeof(WCHAR);
        if (bytes > 0xFFFF) {
            uf__obj_abort(s);
            return uf__ddi_leave(&f, STATUS_INTEGER_OVERFLOW);
        }
        if (!uf__alloc_try(SITE_STRING_BUFFER)) {
            uf__obj_abort(s);
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
        }
        s->u.string.buffer = uf__alloc_block(bytes); /* zeroed: terminated */
        if (UnicodeString->Length)
            memcpy(s->u.string.buffer, UnicodeString->Buffer, UnicodeString->Length);
        s->u.string.length = UnicodeString->Length;
        s->u.string.max_length = (USHORT)bytes;
    }
    uf__obj_apply_attributes(s, StringAttributes);
    uf__obj_commit(s, parent);
    *String = (WDFSTRING)obj_handle(s);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}

VOID WdfStringGetUnicodeString(WDFSTRING String, PUNICODE_STRING UnicodeString)
{
    struct ddi_frame f;
    struct obj *s;

    if (!uf__ddi_enter(&f, DDI_WdfStringGetUnicodeString, String)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    s = uf__obj_lookup(String, TYPE_STRING);
    if (s && !UnicodeString)
        uf__violation(RULE_NULL_PARAMETER, s, "UnicodeString is NULL");
    else if (s) {
        UnicodeString->Length = s->u.string.length;
        UnicodeString->MaximumLength = s->u.string.max_length;
        UnicodeString->Buffer = s->u.string.buffer;
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

void uf__string_destruct(struct obj *s)
{
    /* ~FxString frees the copy: a view the driver kept now dangles. */
    if (s->u.string.buffer)
        uf__alloc_block_free(s->u.string.buffer, s->u.string.max_length);
    s->u.string.buffer = NULL;
}

/* ---- keys ---- */

/* What every key-making DDI shares once its own checks passed: the
 * attributes, the FxRegKey, the commit, then the open, which in the model
 * succeeds but for a name without a root that is no absolute path [S3]. */
static NTSTATUS key_make(PCUNICODE_STRING name, int rooted, ACCESS_MASK access,
                         PWDF_OBJECT_ATTRIBUTES attributes, WDFKEY *key)
{
    struct obj *parent, *k;
    NTSTATUS st;

    st = uf__obj_resolve_parent(attributes, PARENT_OPTIONAL, 0, &parent);
    if (!NT_SUCCESS(st))
        return st;
    if (name && !unicode_valid(name))
        return STATUS_INVALID_PARAMETER;
    k = uf__obj_new(TYPE_KEY, SITE_KEY_OBJECT);
    if (!k)
        return STATUS_INSUFFICIENT_RESOURCES;
    /* ZwOpenKey / ZwCreateKey with no RootDirectory parse the name from
     * the object manager's root. The framework commits first and deletes
     * the object when the open fails, no callback having run; the model
     * answers before committing, which looks the same from outside. */
    if (name && !rooted && (name->Length < sizeof(WCHAR) || name->Buffer[0] != L'\\')) {
        uf__obj_abort(k);
        return STATUS_OBJECT_PATH_SYNTAX_BAD;
    }
    uf__obj_apply_attributes(k, attributes);
    k->u.key.access = access;
    uf__obj_commit(k, parent);
    *key = (WDFKEY)obj_handle(k);
    return STATUS_SUCCESS;
}

NTSTATUS WdfDriverOpenParametersRegistryKey(WDFDRIVER Driver, ACCESS_MASK DesiredAccess,
                                            PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    struct ddi_frame f;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfDriverOpenParametersRegistryKey, Driver))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (!Key) {
        uf__violation(RULE_NULL_PARAMETER, NULL, "Key is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Key = NULL;
    /* The attributes are validated before the driver's handle is. */
    if (KeyAttributes && KeyAttributes->Size != sizeof(WDF_OBJECT_ATTRIBUTES))
        return uf__ddi_leave(&f, STATUS_INFO_LENGTH_MISMATCH);
    if (!uf__obj_lookup(Driver, TYPE_DRIVER))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    st = key_make(NULL, 1, DesiredAccess, KeyAttributes, Key);
    if (NT_SUCCESS(st))
        uf__obj_lookup(*Key, TYPE_KEY)->u.key.parameters = 1;
    return uf__ddi_leave(&f, st);
}

/* WdfRegistryOpenKey and WdfRegistryCreateKey up to the open: the parent
 * key (optional, a root only), the pointers. */
static NTSTATUS key_open(enum model_ddi ddi, WDFKEY ParentKey, PCUNICODE_STRING KeyName,
                         ACCESS_MASK DesiredAccess, PWDF_OBJECT_ATTRIBUTES KeyAttributes,
                         WDFKEY *Key)
{
    struct ddi_frame f;

    if (!uf__ddi_enter(&f, ddi, ParentKey))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    if (ParentKey && !uf__obj_lookup(ParentKey, TYPE_KEY))
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    if (!KeyName || !Key) {
        uf__violation(RULE_NULL_PARAMETER, NULL, !KeyName ? "KeyName is NULL" : "Key is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    *Key = NULL;
    return uf__ddi_leave(&f, key_make(KeyName, ParentKey != NULL, DesiredAccess, KeyAttributes, Key));
}

NTSTATUS WdfRegistryOpenKey(WDFKEY ParentKey, PCUNICODE_STRING KeyName, ACCESS_MASK DesiredAccess,
                            PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return key_open(DDI_WdfRegistryOpenKey, ParentKey, KeyName, DesiredAccess, KeyAttributes, Key);
}

NTSTATUS WdfRegistryCreateKey(WDFKEY ParentKey, PCUNICODE_STRING KeyName, ACCESS_MASK DesiredAccess,
                              ULONG CreateOptions, PULONG CreateDisposition,
                              PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    NTSTATUS st;

    (void)CreateOptions;
    st = key_open(DDI_WdfRegistryCreateKey, ParentKey, KeyName, DesiredAccess, KeyAttributes, Key);
    /* The model's registry is empty: every key it creates is new [S4]. */
    if (NT_SUCCESS(st) && CreateDisposition)
        *CreateDisposition = REG_CREATED_NEW_KEY;
    return st;
}

VOID WdfRegistryClose(WDFKEY Key)
{
    struct ddi_frame f;
    struct obj *k;

    if (!uf__ddi_enter(&f, DDI_WdfRegistryClose, Key)) {
        uf__ddi_leave(&f, STATUS_SUCCESS);
        return;
    }
    k = uf__obj_lookup(Key, TYPE_KEY);
    if (k) {
        /* FxRegKey::Close, at once, then DeleteObject [S5]. */
        k->u.key.closed = 1;
        uf__obj_delete(k);
    }
    uf__ddi_leave(&f, STATUS_SUCCESS);
}

/* What every query and write shares: the key, the value's name. Returns
 * the key, or NULL with *st set. */
static struct obj *value_begin(WDFKEY Key, PCUNICODE_STRING ValueName, NTSTATUS *st)
{
    struct obj *k = uf__obj_lookup(Key, TYPE_KEY);

    *st = STATUS_INVALID_HANDLE;
    if (!k)
        return NULL;
    if (!ValueName) {
        uf__violation(RULE_NULL_PARAMETER, k, "ValueName is NULL");
        *st = STATUS_INVALID_PARAMETER;
        return NULL;
    }
    if (!unicode_valid(ValueName)) {
        *st = STATUS_INVALID_PARAMETER;
        return NULL;
    }
    return k;
}

/* ZwQueryValueKey in the model: a closed handle is no handle [S5]; the
 * Parameters key has the values declared [S7], and no other value exists
 * [S4]. *found gets the value when there is one. */
static NTSTATUS value_query(const struct obj *k, PCUNICODE_STRING name, const ULONG **found)
{
    *found = NULL;
    if (k->u.key.closed)
        return STATUS_INVALID_HANDLE;
    if (k->u.key.parameters && (*found = uf__registry_value(name)) != NULL)
        return STATUS_SUCCESS;
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

NTSTATUS WdfRegistryQueryULong(WDFKEY Key, PCUNICODE_STRING ValueName, PULONG Value)
{
    struct ddi_frame f;
    const ULONG *v;
    struct obj *k;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfRegistryQueryULong, Key))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = value_begin(Key, ValueName, &st);
    if (!k)
        return uf__ddi_leave(&f, st);
    if (!Value) {
        uf__violation(RULE_NULL_PARAMETER, k, "Value is NULL");
        return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
    }
    /* A buffer on the stack: no allocation. *Value untouched on failure. */
    st = value_query(k, ValueName, &v);
    if (v)
        *Value = *v;
    return uf__ddi_leave(&f, st);
}

NTSTATUS WdfRegistryQueryValue(WDFKEY Key, PCUNICODE_STRING ValueName, ULONG ValueLength,
                               PVOID Value, PULONG ValueLengthQueried, PULONG ValueType)
{
    struct ddi_frame f;
    const ULONG *v;
    struct obj *k;
    NTSTATUS st;

    if (!uf__ddi_enter(&f, DDI_WdfRegistryQueryValue, Key))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = value_begin(Key, ValueName, &st);
    if (!k)
        return uf__ddi_leave(&f, st);
    /* FxRegKey::_QueryValue: a kernel buffer for the answer when the
     * caller wants the data, a header on the stack otherwise. */
    if (Value && !uf__alloc_try(SITE_REGISTRY_QUERY_BUFFER))
        return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    st = value_query(k, ValueName, &v);
    if (v) {
        /* The length and type are written on success and on overflow. */
        if (ValueLengthQueried)
            *ValueLengthQueried = sizeof(ULONG);
        if (ValueType)
            *ValueType = REG_DWORD;
        if (Value && ValueLength < sizeof(ULONG))
            st = STATUS_BUFFER_OVERFLOW;
        else if (Value)
            memcpy(Value, v, sizeof(ULONG));
    }
    return uf__ddi_leave(&f, st);
}

NTSTATUS WdfRegistryQueryUnicodeString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                       PUSHORT ValueByteLength, PUNICODE_STRING Value)
{
    struct ddi_frame f;
    const ULONG *v;
    struct obj *k;
    NTSTATUS st;

    (void)ValueByteLength; /* written on success or overflow only */
    if (!uf__ddi_enter(&f, DDI_WdfRegistryQueryUnicodeString, Key))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = value_begin(Key, ValueName, &st);
    if (!k)
        return uf__ddi_leave(&f, st);
    if (Value) {
        if (!unicode_valid(Value) || Value->MaximumLength == 0)
            return uf__ddi_leave(&f, STATUS_INVALID_PARAMETER);
        /* The framework's data buffer, then _QueryValue's own. */
        if (!uf__alloc_try(SITE_REGISTRY_STRING_BUFFER) ||
            !uf__alloc_try(SITE_REGISTRY_QUERY_BUFFER))
            return uf__ddi_leave(&f, STATUS_INSUFFICIENT_RESOURCES);
    }
    /* A REG_DWORD is no string (FxRegKey::_QueryValue's type check). */
    st = value_query(k, ValueName, &v);
    return uf__ddi_leave(&f, v ? STATUS_OBJECT_TYPE_MISMATCH : st);
}

NTSTATUS WdfRegistryAssignULong(WDFKEY Key, PCUNICODE_STRING ValueName, ULONG Value)
{
    struct ddi_frame f;
    struct obj *k;
    NTSTATUS st;

    (void)Value; /* accepted, not kept [S4] */
    if (!uf__ddi_enter(&f, DDI_WdfRegistryAssignULong, Key))
        return uf__ddi_leave(&f, STATUS_INVALID_DEVICE_REQUEST);
    k = value_begin(Key, ValueName, &st);
    if (!k)
        return uf__ddi_leave(&f, st);
    if (k->u.key.closed)
        return uf__ddi_leave(&f, STATUS_INVALID_HANDLE);
    /* ZwSetValueKey needs KEY_SET_VALUE on the handle. */
    if (!(k->u.key.access & (KEY_SET_VALUE | GENERIC_WRITE | GENERIC_ALL)))
        return uf__ddi_leave(&f, STATUS_ACCESS_DENIED);
    return uf__ddi_leave(&f, STATUS_SUCCESS);
}
