/*
 * portcls.h - the face drivers include under Microsoft's name: PortCls's routines and the COM interfaces of ports, miniports and resource lists.
 * What it gives is in the shared base, uf/portcls.h.
 */
#include "uf/portcls.h"
