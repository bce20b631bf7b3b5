/*
 * cxxdrv.h - what the C++ test driver's sources share (tests/test_cxx.c reads
 * its log).
 *
 * CxxLog (C linkage, the driver's data, so restored before every run)
 * says what the driver did, in order, one word each: "new" or "new-null"
 * for each operator new, "ctor" and "dtor" for the adapter's constructor
 * and destructor, "delete-sized" and the like for each operator delete.
 */
#ifndef CXX_CXXDRV_H
#define CXX_CXXDRV_H

#include <ntddk.h>

#define CXX_TAG 'xxCu'
#define CXX_LOG_BYTES 512

EXTERN_C_START
extern char CxxLog[CXX_LOG_BYTES];
EXTERN_C_END

/* Appends `word` and a space to CxxLog (truncating when full). */
void CxxNote(const char *word);

/* An abstract part of the adapter: a component that says what it is. */
class Component {
public:
    Component();
    virtual ~Component();
    virtual const char *Describe() = 0;
};

/* Calls c->Describe() through the vtable. */
const char *CxxDescribe(Component *c);

#endif /* CXX_CXXDRV_H */
