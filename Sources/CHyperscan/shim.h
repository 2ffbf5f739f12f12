#ifndef SECURESCAN_CHYPERSCAN_SHIM_H
#define SECURESCAN_CHYPERSCAN_SHIM_H
#include <hs/hs.h>
#endif
