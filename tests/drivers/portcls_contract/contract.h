/*
 * contract.h - what tests/test_portcls.c asks of the contract adapter
 * (contract.c): ContractMode()'s bits, and its call log.
 */
#ifndef UNLOADFUZZ_TEST_PORTCLS_CONTRACT_H
#define UNLOADFUZZ_TEST_PORTCLS_CONTRACT_H

#define M_NO_UNREGISTER      0x0001u /* removal releases its own references only (simpleaudiosample) */
#define M_LEAK_PORT          0x0002u /* removal forgets to release the topology port */
#define M_RELEASE_TWICE      0x0004u /* removal releases the topology port twice */
#define M_CALL_AFTER_RELEASE 0x0008u /* removal queries the topology port after releasing it */
#define M_START_FAILS        0x0010u /* StartDevice fails before it makes anything */
#define M_MAX_ONE            0x0020u /* AddDevice allows one subdevice (MaxObjects 1) */
#define M_GUARD_GET_DRIVER   0x0040u /* the unload is guarded by WdfGetDriver() != NULL (SysVAD's) */
#define M_NO_PORT_HOLD       0x0080u /* the topology miniport keeps no interface of its port */
#define M_SMALL_EXTENSION    0x0100u /* AddDevice asks for an extension smaller than PortCls's part */

/* The driver's part of each FDO's extension (PcAddAdapterDevice's
 * DeviceExtensionSize beyond PortCls's PORT_CLASS_DEVICE_EXTENSION_SIZE). */
#define CONTRACT_EXTENSION_SIZE 64

#define CONTRACT_LOG_BYTES 1024

#endif /* UNLOADFUZZ_TEST_PORTCLS_CONTRACT_H */
