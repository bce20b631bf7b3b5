/*
 * contract.h - what tests/test_ndis.c asks of the contract miniport
 * (contract.c): ContractMode()'s bits, and its call log.
 */
#ifndef UNLOADFUZZ_TEST_CONTRACT_H
#define UNLOADFUZZ_TEST_CONTRACT_H

#define M_BAD_HEADER             0x00000001u /* characteristics of the wrong type */
#define M_MISSING_HANDLER        0x00000002u /* no MiniportCancelOidRequest */
#define M_INIT_FAILS             0x00000004u /* MiniportInitializeEx fails */
#define M_NO_CONTEXT             0x00000008u /* no registration attributes */
#define M_PAUSE_PENDS            0x00000010u /* MiniportPause returns PENDING */
#define M_COMPLETE_IN_WORK       0x00000020u /* ... and the work item completes it */
#define M_HOLD_SENDS             0x00000040u /* a send is kept */
#define M_PAUSE_KEEPS_SENDS      0x00000080u /* ... and the pause does not return it */
#define M_DRAIN_IN_WORK          0x00000100u /* ... the work item returns it, then completes the pause */
#define M_RESET_PENDS            0x00000200u /* MiniportResetEx returns PENDING */
#define M_OID_PENDS              0x00000400u /* MiniportOidRequest returns PENDING, never completed */
#define M_STRAY_COMPLETIONS      0x00000800u /* completions NDIS is not waiting for */
#define M_NO_DEREGISTER          0x00001000u /* MiniportDriverUnload forgets NdisMDeregisterMiniportDriver */
#define M_LEAK_MEMORY            0x00002000u /* halt keeps the NDIS memory */
#define M_LEAK_POOL              0x00004000u /* halt keeps the NET_BUFFER_LIST pool */
#define M_FREE_POOL_IN_USE       0x00008000u /* halt frees the pool before its list */
#define M_LEAK_NBL               0x00010000u /* halt keeps the list (and so the pool) */
#define M_DOUBLE_FREE_NBL        0x00020000u /* halt frees the list twice */
#define M_INDICATE               0x00040000u /* an OID request indicates the receive list */
#define M_INDICATE_RESOURCES     0x00080000u /* ... with NDIS_RECEIVE_FLAGS_RESOURCES */
#define M_ENTRY_FAILS_REGISTERED 0x00100000u /* DriverEntry fails after registering */
#define M_DEREGISTER_TWICE       0x00200000u /* MiniportDriverUnload deregisters twice */

#define CONTRACT_LOG_BYTES 512

#endif /* UNLOADFUZZ_TEST_CONTRACT_H */
