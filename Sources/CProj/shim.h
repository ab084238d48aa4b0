#ifndef CIRKEL_CPROJ_SHIM_H
#define CIRKEL_CPROJ_SHIM_H
#include <proj.h>
#endif
