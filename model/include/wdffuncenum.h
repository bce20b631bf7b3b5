/*
 * wdffuncenum.h - the face drivers include under Microsoft's name: the index of the framework's function table (the model calls the DDIs directly).
 * What it gives is in the shared base, uf/wdf.h.
 */
#include "uf/wdf.h"
