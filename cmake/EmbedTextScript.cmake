# Run by trellis_embed_text at build time: writes OUTPUT defining FUNCTION to return INPUT.
file(READ "${INPUT}" content)
string(FIND "${content}" ")trellis_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT}; do not edit.\n#include \"${HEADER}\"\n\n"
  "std::string_view ${FUNCTION}() {\n"
  "  static constexpr char kText[] = R\"trellis_embed(${content})trellis_embed\";\n"
  "  return {kText, sizeof kText - 1};\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
