/*
 * uf/base.h - the ground every other header stands on: what ntdef.h,
 * windef.h and basetsd.h give a driver, for gcc and clang on Linux.
 *
 * Driver code is written for Microsoft's compiler and the LLP64 model. Here
 * it meets gcc or clang and LP64, so this file
 *  - writes the Windows types out with their Windows sizes: LONG and ULONG
 *    are 32 bits, LONGLONG 64, the _PTR types pointer-sized; WCHAR is
 *    wchar_t, 2 bytes because everything that includes these headers is
 *    compiled with -fshort-wchar (a check below stops the build otherwise),
 *    so L"" literals and UNICODE_STRING byte counts mean what they mean on
 *    Windows;
 *  - turns the Microsoft spellings into GNU ones or into nothing: calling
 *    conventions, __declspec (gcc has none, and nothing here relies on
 *    -fdeclspec), __int64, FORCEINLINE, C_ASSERT, EXTERN_C;
 *  - gives the structure macros (FIELD_OFFSET, CONTAINING_RECORD,
 *    ARRAYSIZE, ...), the counted strings, list entries, LARGE_INTEGER,
 *    GUID, and NTSTATUS with its codes (uf/ntstatus.h).
 * The annotations are in uf/sal.h, which this file includes. The faces
 * ntdef.h and windef.h include this file alone; every other base includes
 * it first.
 */
#ifndef UNLOADFUZZ_UF_BASE_H
#define UNLOADFUZZ_UF_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "uf/sal.h"

/* ---- linkage ---- */
#ifdef __cplusplus
#define EXTERN_C       extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END   }
#else
#define EXTERN_C       extern
#define EXTERN_C_START
#define EXTERN_C_END
#endif

/* ---- calling conventions: one convention on x86-64, so all are empty ---- */
#define __stdcall
#define __cdecl
#define __fastcall
#define __thiscall
#define __vectorcall
#define __clrcall
#define NTAPI
#define NTAPI_INLINE
#define WINAPI
#define WINAPIV
#define APIENTRY
#define CALLBACK
#define FASTCALL
#define NTSYSAPI
#define NTSYSCALLAPI
#define NTKERNELAPI
#define NTHALAPI

/* ---- declaration modifiers ---- */
/* The real headers' FORCEINLINE is __forceinline, which Microsoft's
 * compiler emits no out-of-line copy of; static inline is the C11
 * spelling that behaves so in every translation unit. */
#define FORCEINLINE static inline
#define __forceinline __inline__ __attribute__((__always_inline__))
/* __inline on a function of a header that is not static: Microsoft's
 * compiler emits an out-of-line copy in every unit that uses it, one kept
 * at link (COMDAT), while C11 emits none, so a call the optimizer does not
 * inline (every call at -O0) is left undefined. Always inlining the calls
 * needs no copy at all, and a static __inline function is still one; gcc
 * and clang have no weak or COMDAT spelling that a static function
 * accepts. What still fails to link is taking the address of a
 * non-static __inline function, which no driver built here does. C++'s
 * inline already has Microsoft's meaning. */
#ifndef __cplusplus
#define __inline __inline__ __attribute__((__always_inline__))
#endif
#define DECLSPEC_NOINLINE __attribute__((__noinline__))
#define DECLSPEC_NORETURN __attribute__((__noreturn__))
#define DECLSPEC_ALIGN(n) __attribute__((__aligned__(n)))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
/* selectany: one definition kept of many; a weak symbol on ELF. */
#define DECLSPEC_SELECTANY __attribute__((__weak__))
#define DECLSPEC_DEPRECATED __attribute__((__deprecated__))
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_RESTRICT
#define DECLSPEC_NOTHROW
#define DECLSPEC_NOVTABLE
#define DECLSPEC_NOALIAS
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_SAFEBUFFERS
#define DECLSPEC_NOINITALL
#define DECLSPEC_GUARDNOCF
#define DECLSPEC_GUARD_SUPPRESS
#define DECLSPEC_UUID(x)
/* On a 64-bit target the I/O stack location's parameters are pointer
 * aligned. */
#define POINTER_ALIGNMENT DECLSPEC_ALIGN(8)
/* __declspec(x) for the x drivers write: each becomes UF_DECLSPEC_x. */
#define __declspec(x) UF_DECLSPEC_##x
#define UF_DECLSPEC_noinline   __attribute__((__noinline__))
#define UF_DECLSPEC_noreturn   __attribute__((__noreturn__))
#define UF_DECLSPEC_selectany  __attribute__((__weak__))
#define UF_DECLSPEC_align(n)   __attribute__((__aligned__(n)))
#define UF_DECLSPEC_deprecated __attribute__((__deprecated__))
#define UF_DECLSPEC_dllimport
#define UF_DECLSPEC_dllexport
#define UF_DECLSPEC_nothrow
#define UF_DECLSPEC_novtable
#define UF_DECLSPEC_noalias
#define UF_DECLSPEC_restrict
#define UF_DECLSPEC_safebuffers
#define UF_DECLSPEC_code_seg(s)
#define UF_DECLSPEC_allocate(s)
#define UF_DECLSPEC_uuid(s)
/* Section placement (the INIT and PAGE segments): one section here. */
#define CODE_SEG(s)
#ifndef __clang__ /* clang has it (drivers build with -fms-extensions); gcc has not */
#define __pragma(x)
#endif
#define __noop(...) ((void)0)

/* ---- Microsoft's sized integers and pointer qualifiers ---- */
/* __int64 is long, as int64_t is on LP64, so that __int64 and LONGLONG
 * (int64_t) stay one type, as they are on Windows. */
#define __int8  char
#define __int16 short
#define __int32 int
#define __int64 long
#define __unaligned
#define __ptr32
#define __ptr64
#define __w64
#define UNALIGNED
#define UNALIGNED64
#define POINTER_32
#define POINTER_64
#define FAR
#define NEAR
#define CONST const
#define IN
#define OUT
#define OPTIONAL
#define VOID void

/* ---- LLP64 types ---- */
typedef void *PVOID, *LPVOID, *PVOID64;
typedef const void *LPCVOID;
typedef char CHAR, *PCHAR, *LPCH, *PCH, CCHAR, *PCCHAR;
typedef unsigned char UCHAR, *PUCHAR;
typedef short SHORT, *PSHORT, CSHORT, *PCSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef int INT, *PINT;
typedef unsigned int UINT, *PUINT;
typedef int32_t LONG, *PLONG, LONG32, *PLONG32, INT32, *PINT32;
typedef uint32_t ULONG, *PULONG, ULONG32, *PULONG32, UINT32, *PUINT32, CLONG, *PCLONG;
typedef int64_t LONGLONG, *PLONGLONG, LONG64, *PLONG64, INT64, *PINT64;
typedef uint64_t ULONGLONG, *PULONGLONG, ULONG64, *PULONG64, UINT64, *PUINT64;
typedef uint64_t DWORD64, *PDWORD64, DWORDLONG, *PDWORDLONG;
typedef int8_t INT8, *PINT8;
typedef uint8_t UINT8, *PUINT8;
typedef int16_t INT16, *PINT16;
typedef uint16_t UINT16, *PUINT16;
typedef intptr_t LONG_PTR, *PLONG_PTR, INT_PTR, *PINT_PTR, SSIZE_T, *PSSIZE_T;
typedef uintptr_t ULONG_PTR, *PULONG_PTR, UINT_PTR, *PUINT_PTR, DWORD_PTR, *PDWORD_PTR;
typedef size_t SIZE_T, *PSIZE_T;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;
typedef uint32_t DWORD, *PDWORD, *LPDWORD, DWORD32, *PDWORD32;
typedef unsigned short WORD, *PWORD;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef int BOOL, *PBOOL;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef ULONG LOGICAL, *PLOGICAL;
typedef float FLOAT;
typedef ULONG LCID;
typedef USHORT LANGID;
typedef LONG KPRIORITY;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
/* A COM status (ntdef.h): the type of NTSTATUS, as audio drivers assume
 * when they return one for the other. */
typedef LONG HRESULT;
/* A colour as 0x00BBGGRR (windef.h). */
typedef DWORD COLORREF, *LPCOLORREF;

typedef wchar_t WCHAR, *PWCHAR, *PWCH, *LPWCH, *PWSTR, *LPWSTR, *NWPSTR, *PZZWSTR;
typedef const wchar_t *PCWCH, *LPCWCH, *PCWSTR, *LPCWSTR, *PCZZWSTR;
typedef char *PSTR, *LPSTR, *PSZ, *NPSTR;
typedef const char *PCSTR, *LPCSTR, *PCCH, *LPCCH, *PCSZ;

#ifdef __cplusplus
static_assert(sizeof(WCHAR) == 2, "WCHAR must be 2 bytes, as on Windows: compile with -fshort-wchar");
#else
_Static_assert(sizeof(WCHAR) == 2, "WCHAR must be 2 bytes, as on Windows: compile with -fshort-wchar");
#endif

#ifndef TRUE
#define TRUE  1
#define FALSE 0
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif

/* ---- limits ---- */
#define MINCHAR     0x80
#define MAXCHAR     0x7f
#define MINSHORT    0x8000
#define MAXSHORT    0x7fff
#define MINLONG     0x80000000
#define MAXLONG     0x7fffffff
#define MAXUCHAR    0xff
#define MAXUSHORT   0xffff
#define MAXULONG    0xffffffff
#define MAXLONGLONG ((LONGLONG)0x7fffffffffffffffLL)
#define MAXULONGLONG ((ULONGLONG)~((ULONGLONG)0))
#define MAXULONG_PTR (~((ULONG_PTR)0))
#define MAXLONG_PTR  ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MAXSIZE_T    ((SIZE_T)~((SIZE_T)0))
#define MAXSSIZE_T   ((SSIZE_T)(MAXSIZE_T >> 1))
#define MAXUINT      ((UINT)~((UINT)0))
#define MAXINT       ((INT)(MAXUINT >> 1))
#define MAXDWORD     0xffffffff
#define ANYSIZE_ARRAY 1
#define MAX_PATH      260

/* ---- 64-bit values in halves ---- */
typedef union _LARGE_INTEGER {
    struct {
        ULONG LowPart;
        LONG HighPart;
    };
    struct {
        ULONG LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        ULONG LowPart;
        ULONG HighPart;
    };
    struct {
        ULONG LowPart;
        ULONG HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef struct _LUID {
    ULONG LowPart;
    LONG HighPart;
} LUID, *PLUID;

/* ---- handles ---- */
typedef void *HANDLE, **PHANDLE;
#define DECLARE_HANDLE(n) typedef struct n##__ *n

/* ---- structure arithmetic ---- */
#define UNREFERENCED_PARAMETER(p)           ((void)(p))
#define ARGUMENT_PRESENT(p)                 ((CHAR *)((ULONG_PTR)(p)) != (CHAR *)NULL)
#define DBG_UNREFERENCED_PARAMETER(p)       ((void)(p))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(v)  ((void)(v))
#define UNREFERENCED_LOCAL_VARIABLE(v)      ((void)(v))
#ifdef __cplusplus
#define C_ASSERT(e) static_assert(e, #e)
#else
#define C_ASSERT(e) _Static_assert(e, #e)
#endif
#define FIELD_OFFSET(type, field)          ((LONG)offsetof(type, field))
#define RTL_FIELD_SIZE(type, field)        (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) \
    (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(s, size, field) \
    ((((PCHAR)(&(s)->field)) + sizeof((s)->field)) <= (((PCHAR)(s)) + (size)))
#define CONTAINING_RECORD(address, type, field) \
    ((type *)((PCHAR)(address) - offsetof(type, field)))
#define RTL_NUMBER_OF_V1(a) (sizeof(a) / sizeof((a)[0]))
#define RTL_NUMBER_OF_V2(a) RTL_NUMBER_OF_V1(a)
#define RTL_NUMBER_OF(a)    RTL_NUMBER_OF_V1(a)
#ifndef ARRAYSIZE
#define ARRAYSIZE(a) RTL_NUMBER_OF_V2(a)
#endif
#ifndef _countof
#define _countof(a) RTL_NUMBER_OF_V1(a)
#endif
#ifndef NOMINMAX
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif
#define ALIGN_DOWN_BY(length, alignment) \
    ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment) - 1))
#define ALIGN_UP_BY(length, alignment) \
    (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment) - 1), alignment))
#define ALIGN_DOWN_POINTER_BY(address, alignment) \
    ((PVOID)((ULONG_PTR)(address) & ~((ULONG_PTR)(alignment) - 1)))
#define ALIGN_UP_POINTER_BY(address, alignment) \
    (ALIGN_DOWN_POINTER_BY(((ULONG_PTR)(address) + (alignment) - 1), alignment))
#define FlagOn(f, b)        ((f) & (b))
#define BooleanFlagOn(f, b) ((BOOLEAN)(((f) & (b)) != 0))
#define SetFlag(f, b)       ((f) |= (b))
#define ClearFlag(f, b)     ((f) &= ~(b))

#include "uf/ntstatus.h"

/* ---- counted strings ---- */
typedef struct _UNICODE_STRING {
    USHORT Length;        /* bytes, without a terminator */
    USHORT MaximumLength; /* bytes of Buffer */
    PWSTR Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
    USHORT Length;
    USHORT MaximumLength;
    PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

/* A counted string over a literal, as an initializer: a UNICODE_STRING
 * over L"", a STRING over "". C++ needs the literal's const taken away. */
#ifdef __cplusplus
extern "C++" {
template <typename T> constexpr T *uf_string_buffer_(const T *s) { return const_cast<T *>(s); }
}
#define RTL_CONSTANT_STRING(s) \
    { (USHORT)(sizeof(s) - sizeof((s)[0])), (USHORT)sizeof(s), uf_string_buffer_(s) }
#else
#define RTL_CONSTANT_STRING(s) \
    { (USHORT)(sizeof(s) - sizeof((s)[0])), (USHORT)sizeof(s), (s) }
#endif
/* A constant UNICODE_STRING named v over the literal s. */
#define DECLARE_CONST_UNICODE_STRING(v, s)                    \
    const WCHAR v##_buffer[] = s;                             \
    const UNICODE_STRING v = { (USHORT)(sizeof(s) - sizeof(WCHAR)), \
                               (USHORT)sizeof(s), (PWSTR)v##_buffer }
/* An empty UNICODE_STRING named v with room for n characters. */
#define DECLARE_UNICODE_STRING_SIZE(v, n)                     \
    WCHAR v##_buffer[n];                                      \
    UNICODE_STRING v = { 0, (USHORT)((n) * sizeof(WCHAR)), v##_buffer }
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(v, s) \
    DECLARE_CONST_UNICODE_STRING(v, s)

/* ---- list entries (the routines over them are in uf/rtl.h) ---- */
typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY *Flink;
    struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

#include "uf/guid.h"

#endif /* UNLOADFUZZ_UF_BASE_H */
