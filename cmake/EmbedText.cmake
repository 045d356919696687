# trellis_embed_text(TARGET <target> FILE <path> HEADER <header> FUNCTION <qualified name>)
# Compiles a text file into <target> as `std::string_view <FUNCTION>()`, declared in HEADER.
# The file is re-embedded whenever it changes.
function(trellis_embed_text)
  cmake_parse_arguments(E "" "TARGET;FILE;HEADER;FUNCTION" "" ${ARGN})
  string(MAKE_C_IDENTIFIER "${E_FUNCTION}" stem)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${stem}.cc")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${E_FILE} -DOUTPUT=${out} -DHEADER=${E_HEADER}
            -DFUNCTION=${E_FUNCTION} -P "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    DEPENDS "${E_FILE}" "${PROJECT_SOURCE_DIR}/cmake/EmbedTextScript.cmake"
    COMMENT "Embedding ${E_FILE}")
  target_sources(${E_TARGET} PRIVATE "${out}")
endfunction()
