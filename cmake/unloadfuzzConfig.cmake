# unloadfuzzConfig.cmake - find_package(unloadfuzz) for a driver's own
# project: builds unloadfuzz (the framework model, the harness, the
# commands) from the sources installed beside this file into the project's
# build tree, without its samples and tests, and gives uf_add_driver()
# (cmake/UnloadfuzzDriver.cmake). The options are unloadfuzz's:
# -DUF_SANITIZE=ON, -DUF_LIBFUZZER=ON (clang), -DUF_AFL=ON. The unloadfuzz
# command and every driver target land in the top of the build tree.
get_filename_component(UNLOADFUZZ_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/../../../share/unloadfuzz"
                       ABSOLUTE)
if(NOT EXISTS "${UNLOADFUZZ_SOURCE_DIR}/model/rules.def")
  set(unloadfuzz_FOUND FALSE)
  set(unloadfuzz_NOT_FOUND_MESSAGE "no unloadfuzz sources in ${UNLOADFUZZ_SOURCE_DIR}")
  return()
endif()
if(NOT TARGET wdfmodel)
  set(UF_SAMPLES OFF CACHE BOOL "Build the drivers of drivers/ (the samples and the demo)")
  add_subdirectory("${UNLOADFUZZ_SOURCE_DIR}" "${CMAKE_BINARY_DIR}/unloadfuzz-build")
endif()
