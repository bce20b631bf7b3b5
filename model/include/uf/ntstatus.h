/*
 * uf/ntstatus.h - NTSTATUS, its tests and the status codes in the model's
 * scope, with their real values (ntstatus.h, ntdef.h).
 *
 * Driver code compares against these by name, and the model returns them,
 * so a value here is what the real kernel or framework would return. The
 * framework's own codes (STATUS_WDF_*) are in uf/wdf.h with wdfstatus.h.
 * Part of the shared base (uf/base.h includes it).
 */
#ifndef UNLOADFUZZ_UF_NTSTATUS_H
#define UNLOADFUZZ_UF_NTSTATUS_H

typedef LONG NTSTATUS, *PNTSTATUS;

/* The two top bits are the severity: 0 success, 1 informational, 2 warning,
 * 3 error. NT_SUCCESS takes the first two. */
#define NT_SUCCESS(s)     (((NTSTATUS)(s)) >= 0)
#define NT_INFORMATION(s) ((((ULONG)(s)) >> 30) == 1)
#define NT_WARNING(s)     ((((ULONG)(s)) >> 30) == 2)
#define NT_ERROR(s)       ((((ULONG)(s)) >> 30) == 3)

#define STATUS_SUCCESS                       ((NTSTATUS)0x00000000L)
#define STATUS_WAIT_0                        ((NTSTATUS)0x00000000L)
#define STATUS_USER_APC                      ((NTSTATUS)0x000000C0L)
#define STATUS_ALERTED                       ((NTSTATUS)0x00000101L)
#define STATUS_TIMEOUT                       ((NTSTATUS)0x00000102L)
#define STATUS_PENDING                       ((NTSTATUS)0x00000103L)
#define STATUS_REPARSE                       ((NTSTATUS)0x00000104L)
#define STATUS_MORE_ENTRIES                  ((NTSTATUS)0x00000105L)
#define STATUS_OBJECT_NAME_EXISTS            ((NTSTATUS)0x40000000L)
#define STATUS_DATATYPE_MISALIGNMENT         ((NTSTATUS)0x80000002L)
#define STATUS_BUFFER_OVERFLOW               ((NTSTATUS)0x80000005L)
#define STATUS_NO_MORE_FILES                 ((NTSTATUS)0x80000006L)
#define STATUS_DEVICE_BUSY                   ((NTSTATUS)0x80000011L)
#define STATUS_NO_MORE_ENTRIES               ((NTSTATUS)0x8000001AL)
#define STATUS_UNSUCCESSFUL                  ((NTSTATUS)0xC0000001L)
#define STATUS_NOT_IMPLEMENTED               ((NTSTATUS)0xC0000002L)
#define STATUS_INVALID_INFO_CLASS            ((NTSTATUS)0xC0000003L)
#define STATUS_INFO_LENGTH_MISMATCH          ((NTSTATUS)0xC0000004L)
#define STATUS_ACCESS_VIOLATION              ((NTSTATUS)0xC0000005L)
#define STATUS_INVALID_HANDLE                ((NTSTATUS)0xC0000008L)
#define STATUS_INVALID_PARAMETER             ((NTSTATUS)0xC000000DL)
#define STATUS_NO_SUCH_DEVICE                ((NTSTATUS)0xC000000EL)
#define STATUS_INVALID_DEVICE_REQUEST        ((NTSTATUS)0xC0000010L)
#define STATUS_MORE_PROCESSING_REQUIRED      ((NTSTATUS)0xC0000016L)
#define STATUS_NO_MEMORY                     ((NTSTATUS)0xC0000017L)
#define STATUS_ACCESS_DENIED                 ((NTSTATUS)0xC0000022L)
#define STATUS_BUFFER_TOO_SMALL              ((NTSTATUS)0xC0000023L)
#define STATUS_OBJECT_TYPE_MISMATCH          ((NTSTATUS)0xC0000024L)
#define STATUS_OBJECT_NAME_INVALID           ((NTSTATUS)0xC0000033L)
#define STATUS_OBJECT_NAME_NOT_FOUND         ((NTSTATUS)0xC0000034L)
#define STATUS_OBJECT_NAME_COLLISION         ((NTSTATUS)0xC0000035L)
#define STATUS_OBJECT_PATH_SYNTAX_BAD        ((NTSTATUS)0xC000003BL)
#define STATUS_DELETE_PENDING                ((NTSTATUS)0xC0000056L)
#define STATUS_INTEGER_OVERFLOW              ((NTSTATUS)0xC0000095L)
#define STATUS_INSUFFICIENT_RESOURCES        ((NTSTATUS)0xC000009AL)
#define STATUS_DEVICE_NOT_CONNECTED          ((NTSTATUS)0xC000009DL)
#define STATUS_DEVICE_NOT_READY              ((NTSTATUS)0xC00000A3L)
#define STATUS_IO_TIMEOUT                    ((NTSTATUS)0xC00000B5L)
#define STATUS_NOT_SUPPORTED                 ((NTSTATUS)0xC00000BBL)
#define STATUS_DEVICE_DOES_NOT_EXIST         ((NTSTATUS)0xC00000C0L)
#define STATUS_REQUEST_NOT_ACCEPTED          ((NTSTATUS)0xC00000D0L)
#define STATUS_INTERNAL_ERROR                ((NTSTATUS)0xC00000E5L)
#define STATUS_INVALID_PARAMETER_1           ((NTSTATUS)0xC00000EFL)
#define STATUS_INVALID_PARAMETER_2           ((NTSTATUS)0xC00000F0L)
#define STATUS_INVALID_PARAMETER_3           ((NTSTATUS)0xC00000F1L)
#define STATUS_CANCELLED                     ((NTSTATUS)0xC0000120L)
#define STATUS_CANNOT_DELETE                 ((NTSTATUS)0xC0000121L)
#define STATUS_DRIVER_INTERNAL_ERROR         ((NTSTATUS)0xC0000183L)
#define STATUS_INVALID_DEVICE_STATE          ((NTSTATUS)0xC0000184L)
#define STATUS_INVALID_BUFFER_SIZE           ((NTSTATUS)0xC0000206L)
#define STATUS_NOT_FOUND                     ((NTSTATUS)0xC0000225L)
#define STATUS_RETRY                         ((NTSTATUS)0xC000022DL)
#define STATUS_DEVICE_REMOVED                ((NTSTATUS)0xC00002B6L)
#define STATUS_NOINTERFACE                   ((NTSTATUS)0xC00002B9L)
#define STATUS_ASSERTION_FAILURE             ((NTSTATUS)0xC0000420L)

#endif /* UNLOADFUZZ_UF_NTSTATUS_H */
