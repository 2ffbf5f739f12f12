#ifndef SECURESCAN_CPCRE2_SHIM_H
#define SECURESCAN_CPCRE2_SHIM_H
/* PCRE2 names its functions through width-selecting macros; pin the 8-bit library. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/* PCRE2_ZERO_TERMINATED and PCRE2_UNSET are cast expressions Swift cannot import. */
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
