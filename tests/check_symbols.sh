#!/usr/bin/env bash
# check_symbols.sh BUILD_DIR - what the model and the port simulation put
# into a driver's link: every global symbol libwdfmodel.a and libport.a
# define is a WDF or kernel DDI name (Wdf*, Ex*, Ke*, Kf*, Io*, Iof*, Rtl*,
# Zw*, Dbg*, Wpp*, Ob*, Mm*, Ps*, Ndis*, Pc*, Ks*), a kernel C run-time routine
# (wcscmp), a COM interface's or class's GUID (IID_*, CLSID_*: PortCls's,
# weak, as drivers define them too), the model's control interface
# (model_*) or carries the harness's reserved prefix (uf_), so a driver's
# own globals (one named `violation`, say) never collide with them; the one
# exception is __cxa_pure_virtual, the C++ ABI's name for a pure virtual
# function's vtable slot (harness/run/cxx.c). Fails listing the others.
set -euo pipefail
build=$1
# The kernel C run-time routines the model defines for drivers (libcntpr's
# names, over 16-bit WCHAR): a driver expects them under these names.
crt='wcscmp'
fail=0
for lib in "$build/model/libwdfmodel.a" "$build/harness/libport.a"; do
  [ -f "$lib" ] || { echo "check_symbols: no $lib" >&2; exit 1; }
  bad=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u |
        grep -Ev '^(Wdf|Ex|Ke|Kf|Io|Iof|Rtl|Zw|Dbg|Wpp|Ob|Obf|Mm|Ps|Ndis|Pc|Ks)[A-Z]|^(IID|CLSID)_|^model_|^uf_|^__cxa_pure_virtual$|^('"$crt"')$' || true)
  n=$(nm -g --defined-only "$lib" | awk 'NF == 3' | wc -l)
  if [ -n "$bad" ]; then
    echo "check_symbols: $(basename "$lib") defines names outside the DDIs, model_* and uf_*:" >&2
    echo "$bad" | sed 's/^/  /' >&2
    fail=1
  else
    echo "check_symbols: $(basename "$lib"): $n global definitions, all DDIs, model_* or uf_*"
  fi
done
exit $fail
