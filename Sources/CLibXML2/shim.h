#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with the copy inside Foundation, and we
// do not need ICU converters (inputs are decoded before libxml2 sees them).
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
