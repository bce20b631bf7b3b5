/*
 * wdfsync.h - the face drivers include under Microsoft's name: WDFSPINLOCK, WDFWAITLOCK and the callback lock.
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
