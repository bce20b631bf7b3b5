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
#
# A driver written in C++ runs with no C++ runtime, as in the kernel:
#  - the replaceable global operators new and delete it defines (operator
#    delete(void *, size_t), operator new[](size_t), ...) become its own:
#    definitions and uses are renamed to uf_cxx_driver_<symbol> and made
#    local, so its new-expressions reach its operators and nothing else in
#    the process (libFuzzer's, the sanitizer's) does. One it uses and does
#    not define stops the build, demangled: the kernel has none to give.
#  - its dynamic initializers (constructors of its globals, in .init_array
#    and .init_array.N for a priority N of 101 or more) move to the section
#    uf_driver_ctors, which nothing runs: the kernel runs none. The build
#    warns, naming each source and the globals left unconstructed, and the
#    port reports cxx-global-constructor when the image loads
#    (harness/run/cxx.c). The toolchain's own constructors (the sanitizer's
#    and the coverage's, priorities below 101) stay where they are.
#  - __cxa_atexit, which registers a static object's destructor, becomes
#    uf_cxx_atexit, which registers nothing: the kernel runs none at unload.
#  - a use of the rest of the C++ runtime (exceptions, RTTI, thread-safe
#    statics, std::) stops the build, demangled; __cxa_pure_virtual is the
#    port's (harness/run/cxx.c).
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

# ---- C++: no runtime but what the driver defines ----
if(NOT OBJCOPY)
  set(OBJCOPY objcopy)
endif()

# Demangles the symbols of the list `in` into `out`, as one string "a, b".
function(uf_demangle out in)
  set(text "${in}")
  if(CXXFILT)
    execute_process(COMMAND ${CXXFILT} ${in} OUTPUT_VARIABLE text ERROR_QUIET)
    string(STRIP "${text}" text)
    string(REPLACE "\n" ";" text "${text}")
  endif()
  string(REPLACE ";" ", " text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

set(defined "")
set(undefined "")
string(REPLACE "\n" ";" symlines "${syms}")
foreach(line IN LISTS symlines)
  if(line MATCHES "^([^ ]+) ([A-Za-z]) ")
    if(CMAKE_MATCH_2 STREQUAL "U" OR CMAKE_MATCH_2 STREQUAL "w" OR CMAKE_MATCH_2 STREQUAL "v")
      list(APPEND undefined "${CMAKE_MATCH_1}")
    else()
      list(APPEND defined "${CMAKE_MATCH_1}")
    endif()
  endif()
endforeach()

# The replaceable global allocation and deallocation functions
# ([new.delete]): plain, sized, aligned and nothrow, single and array.
set(replaceable "")
foreach(op nw na)
  foreach(tail m mSt11align_val_t mRKSt9nothrow_t mSt11align_val_tRKSt9nothrow_t)
    list(APPEND replaceable "_Z${op}${tail}")
  endforeach()
endforeach()
foreach(op dl da)
  foreach(tail Pv Pvm PvSt11align_val_t PvmSt11align_val_t PvRKSt9nothrow_t
               PvSt11align_val_tRKSt9nothrow_t)
    list(APPEND replaceable "_Z${op}${tail}")
  endforeach()
endforeach()
set(rename_args "")
set(missing "")
foreach(sym IN LISTS replaceable)
  list(FIND defined "${sym}" d)
  list(FIND undefined "${sym}" u)
  if(u GREATER -1 AND d EQUAL -1)
    list(APPEND missing "${sym}")
  elseif(d GREATER -1)
    list(APPEND rename_args "--redefine-sym=${sym}=uf_cxx_driver_${sym}"
         "--localize-symbol=${sym}" "--localize-symbol=uf_cxx_driver_${sym}")
  endif()
endforeach()
if(missing)
  uf_demangle(names "${missing}")
  message(FATAL_ERROR "uf_link_driver: ${NAME}: ${names}: used by the driver, which defines "
          "none; the kernel has no C++ runtime to give one: define it beside the driver's other "
          "operator new and delete (docs/DRIVERS.md, C++ drivers)")
endif()
list(FIND undefined "__cxa_atexit" u)
if(u GREATER -1)
  list(APPEND rename_args "--redefine-sym=__cxa_atexit=uf_cxx_atexit")
endif()
# The rest of the C++ runtime: exceptions, RTTI, guarded statics, std::.
set(runtime "")
foreach(sym IN LISTS undefined)
  if(sym MATCHES "^(__cxa_|__gxx_|_Unwind_|_ZTVN10__cxxabiv1|_ZTIN10__cxxabiv1|_ZTISt|_ZTVSt|_ZSt|_ZNSt|_ZNKSt)"
     AND NOT sym MATCHES "^__cxa_(atexit|pure_virtual)$")
    list(APPEND runtime "${sym}")
  endif()
endforeach()
if(runtime)
  uf_demangle(names "${runtime}")
  message(FATAL_ERROR "uf_link_driver: ${NAME}: the driver uses the C++ runtime (${names}), which "
          "the kernel does not have: build it as kernel C++ (no exceptions, RTTI, thread-safe "
          "statics or standard library; docs/DRIVERS.md, C++ drivers)")
endif()

# The driver's constructors: each object's, named for the build's warning.
set(ctor_args "")
foreach(o IN LISTS OBJECTS)
  execute_process(COMMAND ${READELF} -SW ${o} OUTPUT_VARIABLE osecs RESULT_VARIABLE rc)
  string(REGEX MATCHALL " \\.init_array[.0-9]* +INIT_ARRAY" found "${osecs}")
  set(ctors FALSE)
  foreach(m IN LISTS found)
    string(REGEX REPLACE "^ ([^ ]+) +INIT_ARRAY$" "\\1" sec "${m}")
    if(sec MATCHES "^\\.init_array\\.0*([0-9]+)$" AND CMAKE_MATCH_1 LESS 101)
      continue() # the toolchain's own (sanitizer, coverage)
    endif()
    set(ctors TRUE)
    list(APPEND ctor_args "--rename-section=${sec}=uf_driver_ctors")
  endforeach()
  if(NOT ctors)
    continue()
  endif()
  # What the object's start-up code (.text.startup) names: the globals it
  # constructs when they are global symbols, the constructors it calls
  # when not inlined (a local global is named by its section alone).
  execute_process(COMMAND ${NM} -P ${o} OUTPUT_VARIABLE osyms)
  execute_process(COMMAND ${READELF} -rW ${o} OUTPUT_VARIABLE orel)
  set(globals "")
  string(REPLACE "\n" ";" rlines "${orel}")
  set(in_startup FALSE)
  foreach(line IN LISTS rlines)
    if(line MATCHES "^Relocation section '([^']+)'")
      set(in_startup FALSE)
      if(CMAKE_MATCH_1 MATCHES "^\\.rela\\.text\\.startup")
        set(in_startup TRUE)
      endif()
    elseif(in_startup AND line MATCHES "^[0-9a-f]+ +[0-9a-f]+ +[A-Z_0-9]+ +[0-9a-f]+ +([^ ]+)")
      set(sym "${CMAKE_MATCH_1}")
      if(sym MATCHES "^(__|\\.)" OR sym MATCHES "sancov|asan")
        continue()
      endif()
      if(sym MATCHES "^_ZN.*C[12]E" OR osyms MATCHES "(^|\n)${sym} [bBdDV] ")
        list(APPEND globals "${sym}")
      endif()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES globals)
  get_filename_component(src "${o}" NAME)
  string(REGEX REPLACE "\\.(o|obj)$" "" src "${src}")
  set(what "")
  if(globals)
    uf_demangle(names "${globals}")
    set(what " (${names})")
  endif()
  message(WARNING "uf_link_driver: ${NAME}: ${src} has global constructors${what}, which the "
          "kernel never runs: they are not run here either, the globals they would have "
          "initialized are left as the loader zeroes them, and each run reports "
          "cxx-global-constructor")
endforeach()

if(rename_args OR ctor_args)
  execute_process(COMMAND ${OBJCOPY} ${rename_args} ${ctor_args} ${merged}
                  RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "uf_link_driver: ${NAME}: objcopy failed")
  endif()
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
