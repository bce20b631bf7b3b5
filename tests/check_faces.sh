#!/usr/bin/env bash
# check_faces.sh INCLUDE_DIR TESTS_DIR - the headers under Microsoft's
# names compile cleanly: as C11 with clang and gcc, and as C++17 with
# clang++ and g++ (with -fshort-wchar, -Wall -Wextra and the project's
# other warnings, as errors; for C++ also with a C++ driver's flags: no
# exceptions or RTTI, MSVC compatibility, optimized, and every routine of
# faces_use.c with C linkage), each face alone as the first include, every
# face together in a driver's order (ntddk.h, then the rest, initguid.h
# last), the same inside extern "C" for C++, and driver code over them
# (faces_use.c). The faces are every header at the top of INCLUDE_DIR, so
# a new one is checked with no edit here. Faces whose names differ only in
# case (a spelling drivers use: Ntstrsafe.h) must hold the same bytes, or a
# checkout that ignores case would see one of them changed. A face that is C++ alone
# (stdunk.h, whose CUnknown is a class) is checked with the C++ compilers
# only. A compiler that is not installed is skipped, but clang and gcc
# must be.
set -euo pipefail
inc=$1
tests=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cxx_only="stdunk.h"
# pshpack*.h and poppack.h change the packing of what follows them and
# come in pairs: they are checked as a pair below, not alone.
cxx_faces=$(cd "$inc" && ls *.h | grep -vx -e ntddk.h -e initguid.h -e 'pshpack[0-9]*\.h' -e poppack.h | sort)
faces=$(echo "$cxx_faces" | grep -vx $(printf -- '-e %s ' $cxx_only))
[ -n "$faces" ] || { echo "check_faces: no faces in $inc"; exit 1; }

# the spellings of one face are one file where case is ignored
for f in $(cd "$inc" && ls *.h | sort -f | uniq -di); do
  for g in $(cd "$inc" && ls *.h | grep -ix "$f"); do
    cmp -s "$inc/$f" "$inc/$g" || { echo "FAIL: $g and $f differ only in case but not in bytes"; fail=1; }
  done
done

# every face together, in a driver's order
all() {
  echo '#include <ntddk.h>'
  for f in "$@"; do echo "#include <$f>"; done
  echo '#include <initguid.h>'
  echo 'DEFINE_GUID(GUID_UF_ALL, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);'
}
# shellcheck disable=SC2086
all $faces >"$tmp/all.c"
# shellcheck disable=SC2086
all $cxx_faces >"$tmp/all.cpp"
{ echo 'extern "C" {'; cat "$tmp/all.cpp"; echo '}'; } >"$tmp/all_extern_c.cpp"

# a pshpack1.h ... poppack.h pair packs what is between them, and only that
{
  echo '#include <ntddk.h>'
  echo '#include <pshpack1.h>'
  echo 'struct uf_packed { char c; int i; };'
  echo '#include <poppack.h>'
  echo 'struct uf_unpacked { char c; int i; };'
  echo 'C_ASSERT(sizeof(struct uf_packed) == 5);'
  echo 'C_ASSERT(sizeof(struct uf_unpacked) == 8);'
} >"$tmp/pack.c"

# A C++ driver's flags (CMakeLists.txt, UF_DRIVER_CXX_OPTIONS), optimized
# too: glibc's headers take other paths then.
cxxdriver="-std=gnu++17 -fshort-wchar -fno-exceptions -fno-rtti -fno-threadsafe-statics -fsized-deallocation -fms-extensions -O2 -Wall -Wextra -Wno-multichar -Wno-unknown-pragmas -Werror -I$inc"
cflags="-std=c11 -fshort-wchar -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror -fsyntax-only -I$inc"
cxxflags="-std=c++17 -fshort-wchar -Wall -Wextra -Wshadow -Werror -fsyntax-only -I$inc"

# compile LANG COMPILER FLAGS FILE WHAT: one compilation, reported.
compile() {
  local lang=$1 cc=$2 flags=$3 file=$4 what=$5
  # shellcheck disable=SC2086
  if "$cc" $flags -x "$lang" "$file" >"$tmp/out" 2>&1; then
    n=$((n + 1))
  else
    echo "FAIL: $cc: $what"; sed -n '1,20p' "$tmp/out"; fail=1
  fi
}

for cc in clang gcc clang++ g++; do
  if ! command -v "$cc" >/dev/null; then
    case $cc in clang|gcc) echo "FAIL: $cc is not installed"; fail=1 ;;
                *) echo "check_faces: $cc is not installed: skipped" ;; esac
    continue
  fi
  n=0
  case $cc in
    clang|gcc)
      for f in ntddk.h initguid.h $faces; do
        printf '#include <%s>\n' "$f" >"$tmp/one.c"
        compile c "$cc" "$cflags" "$tmp/one.c" "$f alone"
      done
      compile c "$cc" "$cflags" "$tmp/all.c" "every face"
      compile c "$cc" "$cflags -Wno-pragma-pack" "$tmp/pack.c" "pshpack1.h and poppack.h"
      compile c "$cc" "$cflags" "$tests/faces_use.c" "faces_use.c"
      # the checked forms of the debug macros too
      compile c "$cc" "$cflags -DDBG=1" "$tests/faces_use.c" "faces_use.c with DBG=1"
      ;;
    *)
      drv="$cxxdriver"
      case $cc in clang++) drv="$drv -fms-compatibility -fgnuc-version=4.2.1 -fdeclspec" ;;
                  g++) drv="$drv -fcheck-new" ;; esac
      for f in ntddk.h initguid.h $cxx_faces; do
        printf '#include <%s>\n' "$f" >"$tmp/one.cpp"
        compile c++ "$cc" "$drv -fsyntax-only" "$tmp/one.cpp" "$f alone, with a C++ driver's flags"
      done
      compile c++ "$cc" "$drv -c -o $tmp/use.o" "$tests/faces_use.c" "faces_use.c with a C++ driver's flags"
      # Every routine the headers declare has C linkage, as in the real ones.
      if [ -f "$tmp/use.o" ]; then
        mangled=$(nm -u "$tmp/use.o" | awk '{ print $2 }' | grep '^_Z' || true)
        if [ -n "$mangled" ]; then
          echo "FAIL: $cc: routines declared with C++ linkage:"; echo "$mangled" | sed 's/^/  /'; fail=1
        fi
        rm -f "$tmp/use.o"
      fi
      compile c++ "$cc" "$cxxflags" "$tmp/all.cpp" "every face"
      compile c++ "$cc" "$cxxflags -Wno-pragma-pack" "$tmp/pack.c" "pshpack1.h and poppack.h"
      compile c++ "$cc" "$cxxflags" "$tmp/all_extern_c.cpp" "every face inside extern \"C\""
      compile c++ "$cc" "$cxxflags" "$tests/faces_use.c" "faces_use.c"
      compile c++ "$cc" "$cxxflags -DDBG=1" "$tests/faces_use.c" "faces_use.c with DBG=1"
      ;;
  esac
  echo "check_faces: $cc: $n compilations clean"
done
exit $fail
