#ifndef CIRKEL_CSQLITE_SHIM_H
#define CIRKEL_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
