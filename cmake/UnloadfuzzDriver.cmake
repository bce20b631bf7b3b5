# UnloadfuzzDriver.cmake - uf_add_driver(), how a driver under test becomes
# its fuzz targets (docs/DRIVERS.md). Included by the project's top-level
# CMakeLists.txt, before the drivers' directories: the in-tree ones
# (drivers/*) and those named by -DUF_DRIVER_DIRS=DIR;... (out of tree).
#
# uf_add_driver(TARGET SOURCES file... [ENTRY routine]
#               [SEEDS dir] [REGRESSIONS dir] [EXPECT rule...]
#               [DEFINITIONS macro...] [INCLUDE_DIRECTORIES dir...]
#               [COMPILE_OPTIONS flag...] [WPP option...] [TEST_ONLY])
#
# The driver's sources (C, or C++ for a .cpp) compile with their own flags:
# COMPILE_OPTIONS (its warnings, say), never the project's -Werror set, plus
# what any driver needs here (UF_DRIVER_COMPILE_OPTIONS: 2-byte wchar_t, no
# COMMON symbols, MSVC extensions and pragmas accepted, the build's
# sanitizers and coverage; for C++, kernel C++: no exceptions, RTTI or
# thread-safe statics, C++17, sized delete).
# The headers with the real names (ntddk.h, wdf.h, ...) are searched before
# any other. UF_TARGET_NAME="TARGET" and the DEFINITIONS are defined (a
# sample's variants are its sources with a UF_BUG_* macro).
#
# WPP: every source gets the <basename>.tmh it includes, generated from the
# driver's WPP configuration (the `begin_wpp config` blocks of its sources
# and of the headers beside them) and the WPP options (-func:..., -scan:...,
# as the driver's project passes them to the WPP preprocessor).
#
# ENTRY names the driver's entry (default DriverEntry). A driver needs no
# line of its own for the harness: its port learns its routines from its
# registration (NdisMRegisterMiniportDriver, KsInitializeDriver), as the
# real port does. A driver whose sources have a UF_DRIVER() line (the
# simplified port of unloadfuzz_driver.h) is registered by that line
# instead: the generated registration is only linked when the driver's
# objects do not define one.
#
# The objects are linked into one (cmake/uf_link_driver.cmake) whose
# writable data the harness restores before every run: no reset hook is
# needed. A C++ driver's replaceable operator new and delete become its
# own there, its global constructors are set aside (reported, never run),
# and a use of the C++ runtime stops the build. That object becomes TARGET_replay, TARGET_explore, TARGET_fuzzer
# (libFuzzer) and TARGET_afl (AFL++); the interface library TARGET_driver
# stands for it (the benchmarks link it).
#
# SEEDS is the directory of the driver's clean seed programs, REGRESSIONS
# that of its regression programs (default: regressions/TARGET beside the
# CMakeLists.txt of a driver that -DUF_DRIVER_DIRS added, the project's
# corpus/regressions/TARGET for one of drivers/); a relative path is taken
# from the directory of the calling CMakeLists.txt. EXPECT lists the rules a
# planted bug must raise. Every target is listed, with its directory, seeds,
# expected rules and regressions, in drivers.tsv in the build tree, which
# the commands (fuzz, explore, gate, triage, repro, report), the tests and
# bench/bugs read; a TEST_ONLY driver (one the test suite uses to show a
# check fires, or the variant the demo shows) is not.

set(UF_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")
# unloadfuzz's own tree: this project's, or the installed copy a driver's
# project builds through find_package(unloadfuzz).
get_filename_component(UF_SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(UF_DRIVER_LIST "${CMAKE_BINARY_DIR}/drivers.tsv")
file(WRITE "${UF_DRIVER_LIST}" "")
foreach(tool READELF NM OBJCOPY)
  if(NOT CMAKE_${tool})
    string(TOLOWER "${tool}" prog)
    find_program(CMAKE_${tool} ${prog} REQUIRED)
  endif()
endforeach()
# Demangles the C++ names the link step reports (binutils); optional.
find_program(UF_CXXFILT c++filt)

# A path of the tree as drivers.tsv gives it: relative to the project's
# source tree when inside it (the in-tree targets' lines read as they
# always have), absolute otherwise.
function(uf_tsv_path out path)
  file(RELATIVE_PATH rel "${UF_SOURCE_DIR}" "${path}")
  if(rel MATCHES "^\\.\\./" OR IS_ABSOLUTE "${rel}")
    set(${out} "${path}" PARENT_SCOPE)
  else()
    set(${out} "${rel}" PARENT_SCOPE)
  endif()
endfunction()

function(uf_add_driver name)
  cmake_parse_arguments(D "TEST_ONLY" "SEEDS;REGRESSIONS;ENTRY"
                        "SOURCES;DEFINITIONS;EXPECT;INCLUDE_DIRECTORIES;COMPILE_OPTIONS;WPP"
                        ${ARGN})
  if(D_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "uf_add_driver(${name}): unknown arguments: ${D_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT D_SOURCES)
    message(FATAL_ERROR "uf_add_driver(${name}): SOURCES is required")
  endif()
  if(NOT name MATCHES "^[a-z0-9_]+$")
    message(FATAL_ERROR "uf_add_driver(${name}): a target name is [a-z0-9_]+")
  endif()
  list(TRANSFORM D_SOURCES PREPEND "${CMAKE_CURRENT_SOURCE_DIR}/" REGEX "^[^/]")
  foreach(src ${D_SOURCES})
    if(NOT EXISTS "${src}")
      message(FATAL_ERROR "uf_add_driver(${name}): no source ${src}")
    endif()
  endforeach()

  if(NOT D_ENTRY)
    set(D_ENTRY DriverEntry)
  endif()
  if(NOT D_ENTRY MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "uf_add_driver(${name}): ENTRY ${D_ENTRY} is not a C identifier")
  endif()

  # The WPP trace message headers, one per source.
  set(wpp_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}_wpp")
  set(tmh "")
  set(scanned "")
  foreach(src ${D_SOURCES})
    get_filename_component(base "${src}" NAME_WE)
    get_filename_component(sdir "${src}" DIRECTORY)
    list(APPEND tmh "${wpp_dir}/${base}.tmh")
    file(GLOB headers "${sdir}/*.h")
    list(APPEND scanned "${src}" ${headers})
  endforeach()
  # A -scan: file of the WPP options is the driver's, relative to its directory.
  set(wpp_opts "")
  foreach(opt ${D_WPP})
    if(opt MATCHES "^([-/]scan:)(.+)$")
      get_filename_component(f "${CMAKE_MATCH_2}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      set(opt "-scan:${f}")
      list(APPEND scanned "${f}")
    endif()
    list(APPEND wpp_opts "${opt}")
  endforeach()
  list(REMOVE_DUPLICATES scanned)
  add_custom_command(OUTPUT ${tmh}
    COMMAND ${CMAKE_COMMAND} "-DOUTDIR=${wpp_dir}" "-DNAME=${name}" "-DSOURCES=${D_SOURCES}"
            "-DSCAN=${scanned}" "-DOPTIONS=${wpp_opts}" -P "${UF_CMAKE_DIR}/uf_wpp.cmake"
    DEPENDS ${scanned} "${UF_CMAKE_DIR}/uf_wpp.cmake"
    COMMENT "WPP trace headers of ${name}" VERBATIM)

  # The driver's objects, with the driver's flags alone.
  add_library(${name}_objs OBJECT ${D_SOURCES})
  set_property(TARGET ${name}_objs PROPERTY COMPILE_OPTIONS
               ${UF_DRIVER_COMPILE_OPTIONS} ${UF_COVERAGE_FLAGS} ${D_COMPILE_OPTIONS}
               ${UF_DRIVER_LATE_OPTIONS})
  set_property(TARGET ${name}_objs PROPERTY COMPILE_DEFINITIONS
               UF_TARGET_NAME="${name}" ${D_DEFINITIONS})
  set_target_properties(${name}_objs PROPERTIES C_STANDARD 11 C_EXTENSIONS ON
                        CXX_STANDARD 17 CXX_STANDARD_REQUIRED ON CXX_EXTENSIONS ON)
  target_include_directories(${name}_objs BEFORE PRIVATE ${wpp_dir} ${D_INCLUDE_DIRECTORIES})
  target_link_libraries(${name}_objs PRIVATE driverapi)
  # Before the objects compile (the compiler's own dependencies track them
  # after that). Not a property of the sources: a variant shares them.
  add_custom_target(${name}_wpp DEPENDS ${tmh})
  add_dependencies(${name}_objs ${name}_wpp)

  # One object, its writable data gathered for the restore.
  set(obj "${CMAKE_CURRENT_BINARY_DIR}/${name}_driver.o")
  add_custom_command(OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} "-DOUT=${obj}" "-DLD=${CMAKE_LINKER}" "-DREADELF=${CMAKE_READELF}"
            "-DNM=${CMAKE_NM}" "-DOBJCOPY=${CMAKE_OBJCOPY}" "-DCXXFILT=${UF_CXXFILT}"
            "-DNAME=${name}" "-DENTRY=${D_ENTRY}"
            "-DOBJECTS=$<TARGET_OBJECTS:${name}_objs>"
            -P "${UF_CMAKE_DIR}/uf_link_driver.cmake"
    DEPENDS ${name}_objs $<TARGET_OBJECTS:${name}_objs> "${UF_CMAKE_DIR}/uf_link_driver.cmake"
    COMMENT "Linking ${name}'s objects, its globals gathered" VERBATIM)
  add_custom_target(${name}_link DEPENDS ${obj})
  # The registration of a driver without a UF_DRIVER() line: an archive
  # member, linked only when the driver's object leaves
  # uf_driver_under_test undefined.
  set(reg "${CMAKE_CURRENT_BINARY_DIR}/${name}_registration.c")
  file(CONFIGURE OUTPUT "${reg}" CONTENT [=[
/* ${name}: the registration uf_add_driver() gives a driver with no
 * UF_DRIVER() line. Its port learns its routines from its own
 * registration; the harness needs only its entry. */
#include "unloadfuzz_driver.h"

extern DRIVER_INITIALIZE ${D_ENTRY};
const struct uf_driver uf_driver_under_test = {.name = "${name}", .entry = ${D_ENTRY}};
]=])
  add_library(${name}_registration STATIC "${reg}")
  target_link_libraries(${name}_registration PRIVATE driverapi)
  target_compile_options(${name}_registration PRIVATE -fshort-wchar)
  set_target_properties(${name}_registration PROPERTIES C_STANDARD 11)
  add_library(${name}_driver INTERFACE)
  target_link_libraries(${name}_driver INTERFACE ${obj} ${name}_registration driverapi)

  set(bins ${name}_replay ${name}_explore)
  add_executable(${name}_replay ${UF_SOURCE_DIR}/harness/cli/driver_replay.c)
  target_link_libraries(${name}_replay PRIVATE port ${name}_driver)
  add_executable(${name}_explore ${UF_SOURCE_DIR}/harness/cli/driver_explore.c)
  target_link_libraries(${name}_explore PRIVATE tools port ${name}_driver)
  if(D_SEEDS)
    get_filename_component(seeds "${D_SEEDS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    target_compile_definitions(${name}_explore PRIVATE UF_SEEDS_DIR="${seeds}")
  else()
    set(seeds "")
    target_compile_definitions(${name}_explore PRIVATE UF_SEEDS_DIR=NULL)
  endif()
  if(LIB_FUZZING_ENGINE OR UF_LIBFUZZER)
    add_executable(${name}_fuzzer ${UF_SOURCE_DIR}/fuzzers/driver_target.c)
    target_link_libraries(${name}_fuzzer PRIVATE port ${name}_driver)
    if(LIB_FUZZING_ENGINE)
      target_link_libraries(${name}_fuzzer PRIVATE ${LIB_FUZZING_ENGINE})
    else()
      target_link_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
    endif()
    list(APPEND bins ${name}_fuzzer)
  endif()
  if(UF_AFL)
    add_executable(${name}_afl ${UF_SOURCE_DIR}/fuzzers/afl_main.c
                   ${UF_SOURCE_DIR}/fuzzers/driver_target.c)
    target_link_libraries(${name}_afl PRIVATE port ${name}_driver)
    list(APPEND bins ${name}_afl)
  endif()
  foreach(t ${bins})
    # What the project's own directories give its code, for a driver's
    # project building through find_package(unloadfuzz) too.
    target_compile_options(${t} PRIVATE -fshort-wchar ${UF_SANITIZE_FLAGS})
    target_compile_definitions(${t} PRIVATE _POSIX_C_SOURCE=200809L)
    set_target_properties(${t} PROPERTIES C_STANDARD 11)
    if(UF_SANITIZE_FLAGS)
      target_link_options(${t} PRIVATE ${UF_SANITIZE_FLAGS})
    elseif(UF_LIBFUZZER)
      target_link_options(${t} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
    add_dependencies(${t} ${name}_link)
    set_target_properties(${t} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
                          LINK_DEPENDS ${obj})
  endforeach()

  if(NOT D_TEST_ONLY)
    if(D_REGRESSIONS)
      get_filename_component(regs "${D_REGRESSIONS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    elseif(UF_DRIVER_FROM_DIRS)
      set(regs "${CMAKE_CURRENT_SOURCE_DIR}/regressions/${name}")
    else()
      set(regs "${UF_SOURCE_DIR}/corpus/regressions/${name}")
    endif()
    string(JOIN " " expect ${D_EXPECT})
    uf_tsv_path(dir "${CMAKE_CURRENT_SOURCE_DIR}")
    uf_tsv_path(regs "${regs}")
    if(seeds)
      uf_tsv_path(seeds "${seeds}")
    endif()
    file(APPEND "${UF_DRIVER_LIST}" "${name}\t${dir}\t${seeds}\t${expect}\t${regs}\n")
  endif()
endfunction()
