#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU; its <unicode/ucnv.h> clashes with the ICU copy inside Foundation in any
   module that sees both. Swift never touches the ICU fields, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
/* xmlFree is a global function pointer, which Swift 6 rejects as not concurrency-safe. */
static inline void securescan_xml_free(void *pointer) { xmlFree(pointer); }
#endif
