# trellis_embed_migrations(TARGET DIALECT FUNCTION): compiles the migrations in
# store/migrations/<DIALECT>/NNNN_name.sql into TARGET as string literals, returned in
# version order by `std::span<const trellis::store::EmbeddedMigration> FUNCTION()`
# (declared in store/migrations/embedded.h). The generated file is rebuilt when a .sql file
# changes, and the build is reconfigured when one is added or removed.
function(trellis_embed_migrations target dialect function)
  set(dir ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${dialect})
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/generated/${dialect}_migrations.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DFUNCTION=${function}
            -P ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/GenerateMigrations.cmake
    DEPENDS ${sql_files} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/GenerateMigrations.cmake
    COMMENT "Embedding ${dialect} migrations"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
