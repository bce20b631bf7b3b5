# uf_link_driver.cmake - the link step of a driver under test (cmake -P).
#
#   cmake -DOUT=driver.o -DLD=ld -DREADELF=readelf -DNM=nm -DNAME=target
#         -DOBJECTS="a.o;b.o" -P uf_link_driver.cmake
#
# Links the driver's objects into one relocatable object (ld -r) in which
# every writable section the driver's code put data in (.data, .bss, the
# .data.rel* of initialized pointers, and whatever `#pragma data_seg` or
# __attribute__((section)) named) is gathered into two sections,
# uf_driver_data and uf_driver_bss. Their names are C identifiers, so the
# final link brackets each with __start_/__stop_ symbols, and the harness
# (harness/run/globals.c) snapshots exactly the driver's writable data after
# image load and restores it before every run. What the toolchain put in
# writable sections of its own (coverage counters, constructor tables,
# relocated constants) is left where it is.
#
# A COMMON symbol has no section until the final link, so it would escape
# the restore: the driver is compiled with -fno-common, and one that still
# has one is refused here.
cmake_minimum_required(VERSION 3.20)

foreach(v OUT LD READELF NM NAME ENTRY OBJECTS)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "uf_link_driver: -D${v}= is required")
  endif()
endforeach()
get_filename_component(dir "${OUT}" DIRECTORY)
set(merged "${OUT}.merged.o")

execute_process(COMMAND ${LD} -r -o ${merged} ${OBJECTS} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "uf_link_driver: ${NAME}: ld -r failed")
endif()

execute_process(COMMAND ${NM} -P ${merged} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
string(REGEX MATCHALL "(^|\n)[^ \n]+ C " common "${syms}")
if(common)
  string(REGEX REPLACE "(^|\n)([^ \n]+) C " "\\2 " common "${common}")
  message(FATAL_ERROR "uf_link_driver: ${NAME}: COMMON symbols (${common}): compile the "
          "driver with -fno-common, or its globals escape the restore between runs")
endif()

# A driver is registered by its UF_DRIVER() line, or else by its entry
# (uf_add_driver's generated registration): one of the two must be there.
if(NOT syms MATCHES "(^|\n)uf_driver_under_test [^U] " AND
   NOT syms MATCHES "(^|\n)${ENTRY} T ")
  message(FATAL_ERROR "uf_link_driver: ${NAME}: the driver defines no ${ENTRY} (an external "
          "function) and has no UF_DRIVER() line: name its entry with uf_add_driver(... ENTRY "
          "routine)")
endif()

# Every allocated, writable, non-TLS section of the merged object, from
# readelf's section table ("[ n] name type address offset size es flags ...").
execute_process(COMMAND ${READELF} -SW ${merged} OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "uf_link_driver: ${NAME}: readelf failed")
endif()
string(REPLACE "\n" ";" lines "${table}")
set(data "")
set(bss "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^ *\\[ *[0-9]+\\] +([^ ]+) +([A-Z_0-9]+) +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +([A-Za-z]*)")
    continue()
  endif()
  set(sec "${CMAKE_MATCH_1}")
  set(type "${CMAKE_MATCH_2}")
  set(flags "${CMAKE_MATCH_3}")
  if(NOT flags MATCHES "W" OR NOT flags MATCHES "A" OR flags MATCHES "T")
    continue()
  endif()
  if(NOT type STREQUAL "PROGBITS" AND NOT type STREQUAL "NOBITS")
    continue() # constructor and destructor tables
  endif()
  # The toolchain's own: coverage counters and tables, sanitizer metadata,
  # profile counters, constants relocated at load, the GOT.
  if(sec MATCHES "^(__sancov_|__llvm_prf_|asan_globals|__asan|__ubsan|\\.data\\.rel\\.ro|\\.got|\\.tm_clone_table|\\.init_array|\\.fini_array|\\.ctors|\\.dtors|\\.eh_frame|\\.gcc_except_table)")
    continue()
  endif()
  if(type STREQUAL "NOBITS")
    list(APPEND bss "${sec}")
  else()
    list(APPEND data "${sec}")
  endif()
endforeach()

set(script "${OUT}.ld")
string(REPLACE ";" " " data_in "${data}")
string(REPLACE ";" " " bss_in "${bss}")
set(text "/* ${NAME}: the driver's writable data, gathered for the restore between runs */\nSECTIONS\n{\n")
if(data)
  string(APPEND text "  uf_driver_data : { *(${data_in}) }\n")
endif()
if(bss)
  string(APPEND text "  uf_driver_bss (NOLOAD) : { *(${bss_in}) }\n")
endif()
string(APPEND text "}\n")
file(WRITE "${script}" "${text}")
execute_process(COMMAND ${LD} -r -T ${script} -o ${OUT} ${merged} RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "uf_link_driver: ${NAME}: ld -r with ${script} failed")
endif()
file(REMOVE "${merged}")
