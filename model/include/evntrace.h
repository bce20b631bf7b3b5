/*
 * evntrace.h - the face drivers include under Microsoft's name: the trace levels of event tracing.
 * What it gives is in the shared base, uf/evntrace.h.
 */
#include "uf/evntrace.h"
