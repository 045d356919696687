# Script mode (cmake -P), run by trellis_embed_migrations: writes OUT, a C++ file holding
# every DIR/NNNN_name.sql as a raw string literal, in version order.
cmake_minimum_required(VERSION 3.25)
foreach(var DIR OUT FUNCTION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "GenerateMigrations.cmake needs -D${var}=...")
  endif()
endforeach()

file(GLOB sql_files ${DIR}/*.sql)
list(SORT sql_files)
set(delimiter "trellis_sql")
set(entries "")
set(previous 0)
foreach(file IN LISTS sql_files)
  get_filename_component(name ${file} NAME_WE)
  if(NOT name MATCHES "^([0-9][0-9][0-9][0-9])_[a-z0-9_]+$")
    message(FATAL_ERROR "${file}: migrations are named NNNN_lower_case_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")  # drops the leading zeros
  math(EXPR expected "${previous} + 1")
  if(NOT version EQUAL expected)
    message(FATAL_ERROR "${file}: expected migration version ${expected} (no gaps or repeats)")
  endif()
  set(previous ${version})
  file(READ ${file} sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )${delimiter}\"")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
endforeach()
if(previous EQUAL 0)
  message(FATAL_ERROR "no migrations in ${DIR}")
endif()

set(content "// Generated from ${DIR} by GenerateMigrations.cmake. Do not edit.
#include <array>

#include \"store/migrations/embedded.h\"

namespace trellis::store {

std::span<const EmbeddedMigration> ${FUNCTION}() {
  static constexpr std::array<EmbeddedMigration, ${previous}> kMigrations = {{
${entries}  }};
  return kMigrations;
}

}  // namespace trellis::store
")
file(WRITE ${OUT} "${content}")
