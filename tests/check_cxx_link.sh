#!/usr/bin/env bash
# check_cxx_link.sh SOURCE_DIR CXX - what the build does with a
# driver written in C++ (cmake/uf_link_driver.cmake, uf/pool.h), each shown
# to fail where it should and pass where it should:
#  - a replaceable operator the driver uses and does not define stops the
#    link step, demangled; defined, it is renamed and made local;
#  - a use of the C++ runtime (exceptions' personality, type_info) stops it;
#  - a global constructor is set aside (uf_driver_ctors) with a warning
#    naming the source, the toolchain's own constructors stay;
#  - a pool new whose operator returns NULL runs no constructor with the
#    headers' nothrow declarations, and does run it (at NULL) without them
#    (clang; g++'s -fcheck-new checks either way), the build's flags for
#    CXX (clang++ or g++) and the other compiler if installed;
#  - g++ with -fcheck-new checks the replaceable operator new(size_t) too.
set -euo pipefail
src=$1

cxx=$2
inc="$src/model/include"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $*"; }
# said LOG TEXT: the link step's LOG says TEXT (CMake wraps its messages).
said() { tr '\n' ' ' <"$1" | tr -s ' ' | grep -qF "$2"; }
bad() { echo "FAIL: $*"; fail=1; }

# flags COMPILER: a C++ driver's flags (CMakeLists.txt, UF_DRIVER_CXX_OPTIONS).
flags() {
  local f="-std=gnu++17 -fshort-wchar -fno-common -fms-extensions -fno-exceptions -fno-rtti"
  f="$f -fno-threadsafe-statics -fsized-deallocation -Wno-multichar -Wno-unknown-pragmas"
  case $1 in *clang*) echo "$f -fdeclspec -fms-compatibility -fgnuc-version=4.2.1" ;;
              *) echo "$f -fcheck-new" ;; esac
}
# link NAME OBJ...: the driver link step on the objects; its output in $tmp/NAME.log.
link() {
  local name=$1; shift
  local objs; objs=$(IFS=';'; echo "$*")
  cmake "-DOUT=$tmp/$name.o" -DLD=ld -DREADELF=readelf -DNM=nm -DOBJCOPY=objcopy \
        -DCXXFILT="$(command -v c++filt || true)" "-DNAME=$name" -DENTRY=DriverEntry \
        "-DOBJECTS=$objs" -P "$src/cmake/uf_link_driver.cmake" >"$tmp/$name.log" 2>&1
}
entry='extern "C" long DriverEntry(void *d, void *r) { (void)d; (void)r; return 0; }'

# 1. operator delete(void*) used, none defined; then defined.
cat >"$tmp/missing.cpp" <<CPP
#include <ntddk.h>
PVOID operator new(size_t n, POOL_FLAGS f, ULONG t) { return ExAllocatePool2(f, n, t); }
struct A { virtual ~A() {} int x = 1; };
$entry
A *make() { return new (POOL_FLAG_NON_PAGED, 'tseT') A(); }
void drop(A *a) { delete a; }
CPP
# shellcheck disable=SC2046
"$cxx" $(flags "$cxx") -I"$inc" -c "$tmp/missing.cpp" -o "$tmp/missing.cpp.o"
if link missing "$tmp/missing.cpp.o"; then
  bad "a driver using operator delete(void*, unsigned long) without defining it linked"
elif said "$tmp/missing.log" "operator delete(void*, unsigned long): used by the driver, which defines none"; then
  ok "an operator used and not defined stops the link, demangled"
else
  bad "the missing operator's message:"; cat "$tmp/missing.log"
fi
printf '%s\n' '#include <ntddk.h>' \
  'void operator delete(void *p, size_t n) { (void)n; if (p) ExFreePool(p); }' >"$tmp/defined.cpp"
# shellcheck disable=SC2046
"$cxx" $(flags "$cxx") -I"$inc" -c "$tmp/defined.cpp" -o "$tmp/defined.cpp.o"
if link defined "$tmp/missing.cpp.o" "$tmp/defined.cpp.o"; then
  syms=$(nm "$tmp/defined.o")
  if echo "$syms" | grep -q '_ZdlPvm$' && ! echo "$syms" | grep -q ' t uf_cxx_driver__ZdlPvm$'; then
    bad "the driver's operator delete is not its own: $(echo "$syms" | grep _ZdlPvm)"
  else
    ok "a defined operator becomes the driver's own (local uf_cxx_driver__ZdlPvm)"
  fi
else
  bad "the driver defining its operator delete did not link:"; cat "$tmp/defined.log"
fi

# 2. the C++ runtime: a catch needs the personality routine, a typeid type_info.
printf '%s\n' '#include <typeinfo>' 'struct B { virtual ~B() {} };' "$entry" \
  'const char *name(B *b) { return typeid(*b).name(); }' >"$tmp/rtti.cpp"
# shellcheck disable=SC2046
"$cxx" $(flags "$cxx" | sed 's/-fno-rtti//') -I"$inc" -c "$tmp/rtti.cpp" -o "$tmp/rtti.cpp.o"
if link rtti "$tmp/rtti.cpp.o"; then
  bad "a driver using RTTI linked"
elif said "$tmp/rtti.log" "the driver uses the C++ runtime"; then
  ok "a use of the C++ runtime stops the link: $(grep -o 'runtime ([^)]*)' "$tmp/rtti.log" | head -1)"
else
  bad "the runtime's message:"; cat "$tmp/rtti.log"
fi

# 3. a global constructor, beside the sanitizer's own (clang: .init_array.1).
printf '%s\n' 'struct G { G() : ready(1) {} int ready; };' 'G global_g;' "$entry" >"$tmp/ctor.cpp"
san=""
case $cxx in *clang*) san="-fsanitize=address" ;; esac
# shellcheck disable=SC2046
"$cxx" $(flags "$cxx") $san -I"$inc" -c "$tmp/ctor.cpp" -o "$tmp/ctor.cpp.o"
# clang names what the constructors construct (g++ at -O0 leaves them in .text: the source alone).
named="ctor.cpp has global constructors"
case $cxx in *clang*) named="$named (global_g, G::G())" ;; esac
if link ctor "$tmp/ctor.cpp.o" && said "$tmp/ctor.log" "$named"; then
  secs=$(readelf -SW "$tmp/ctor.o")
  if echo "$secs" | grep -qE ' \.init_array +INIT_ARRAY'; then
    bad "the constructor is still in .init_array"
  elif ! echo "$secs" | grep -qE ' uf_driver_ctors +INIT_ARRAY'; then
    bad "no uf_driver_ctors section"
  elif [ -n "$san" ] && ! echo "$secs" | grep -qE ' \.init_array\.1 +INIT_ARRAY'; then
    bad "the sanitizer's constructor (.init_array.1) went too"
  else
    ok "a global constructor is set aside and warned of; the toolchain's stay"
  fi
else
  bad "the constructor's warning:"; cat "$tmp/ctor.log"
fi

# 4. code_seg and data_seg: clang's sections; the data still gathered.
printf '%s\n' '#include <ntddk.h>' '#pragma code_seg("PAGE")' \
  'int paged(int x) { PAGED_CODE(); return x + 1; }' '#pragma code_seg()' \
  '#pragma data_seg("MYDATA")' 'int counter = 5;' '#pragma data_seg()' "$entry" >"$tmp/seg.cpp"
# shellcheck disable=SC2046
"$cxx" $(flags "$cxx") -I"$inc" -c "$tmp/seg.cpp" -o "$tmp/seg.cpp.o"
if link seg "$tmp/seg.cpp.o"; then
  secs=$(readelf -SW "$tmp/seg.o")
  case $cxx in
    *clang*) echo "$secs" | grep -qE ' PAGE +PROGBITS' || bad "clang: no PAGE section"
             echo "$secs" | grep -qE ' MYDATA ' && bad "clang: MYDATA was not gathered" ;;
  esac
  echo "$secs" | grep -qE ' uf_driver_data +PROGBITS' && ok "code_seg and data_seg: data gathered" ||
    bad "no uf_driver_data"
else
  bad "code_seg/data_seg did not link:"; cat "$tmp/seg.log"
fi

# 5. a failing pool new: the constructor must not run. The program's exit
# status says whether it did (1) or not (0).
prog() {
  cat <<CPP
$1
#include <stdio.h>
PVOID operator new(size_t n, POOL_FLAGS f, ULONG t);
PVOID operator new(size_t n, POOL_FLAGS f, ULONG t) { (void)n; (void)f; (void)t; return NULL; }
void *operator new(size_t n);
void *operator new(size_t n) { (void)n; return NULL; }
static int constructed;
struct C { C() { constructed = 1; } };
__attribute__((noinline)) C *make_pool() { return new (POOL_FLAG_NON_PAGED, 'tseT') C(); }
__attribute__((noinline)) C *make_plain() { return new C(); }
int main(int argc, char **argv) {
  (void)argv;
  constructed = 0;
  if (argc > 1) (void)make_plain(); else (void)make_pool();
  return constructed;
}
CPP
}
# The pool typedefs without the headers: what a compiler does unaided.
bare='#include <stddef.h>
typedef void *PVOID; typedef unsigned long long POOL_FLAGS; typedef unsigned int ULONG;
#define POOL_FLAG_NON_PAGED 0x40ULL'
prog '#include <ntddk.h>' >"$tmp/with.cpp"
prog "$bare" >"$tmp/bare.cpp"
for c in $(printf '%s\n' "$cxx" clang++ g++ | awk '!seen[$0]++'); do
  command -v "$c" >/dev/null || continue
  # shellcheck disable=SC2046
  "$c" $(flags "$c") -O2 -I"$inc" -DWDFMODEL_NO_CALL_SITES "$tmp/with.cpp" -o "$tmp/with" 2>"$tmp/c.log" ||
    { bad "$c: $(cat "$tmp/c.log")"; continue; }
  if "$tmp/with"; then ok "$c: with the headers, a NULL from a pool new runs no constructor"
  else bad "$c: with the headers, a NULL from a pool new ran the constructor"; fi
  # shellcheck disable=SC2046
  "$c" $(flags "$c") -O2 "$tmp/bare.cpp" -o "$tmp/bare" 2>"$tmp/c.log" || { bad "$c: $(cat "$tmp/c.log")"; continue; }
  case $c in
    *clang*)
      if "$tmp/bare"; then bad "$c: without the headers' declarations the constructor did not run: the check proves nothing"
      else ok "$c: without the headers' declarations it runs (what they prevent)"; fi ;;
    *)
      if "$tmp/bare"; then ok "$c: -fcheck-new checks a pool new without the headers too"
      else bad "$c: -fcheck-new did not check a pool new"; fi
      if "$tmp/with" plain; then ok "$c: -fcheck-new checks the replaceable operator new(size_t)"
      else bad "$c: a NULL from operator new(size_t) ran the constructor"; fi ;;
  esac
done
exit $fail
