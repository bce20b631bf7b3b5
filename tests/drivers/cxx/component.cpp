/*
 * component.cpp - the abstract Component, and the call through its vtable.
 *
 * UF_BUG_PURE_CALL: the constructor announces the component through the
 * vtable, while it is still a Component, whose Describe is pure: the call
 * reaches the pure virtual slot (cxx-pure-virtual-call).
 */
#include "cxxdrv.h"

Component::Component()
{
#ifdef UF_BUG_PURE_CALL
    CxxNote(CxxDescribe(this));
#endif
}

Component::~Component() {}

const char *CxxDescribe(Component *c)
{
    return c->Describe();
}
