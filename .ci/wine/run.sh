#!/usr/bin/env bash
# The release avtal.exe, cross-built for x86_64-pc-windows-gnu, run under wine on the same
# files as the Linux build: demo, imports, every report, backup and check must give the same
# figures (issue 14). Needs mingw-w64 and wine64 (Debian's gcc-mingw-w64-x86-64, wine64).
# Usage: .ci/wine/run.sh LINUX_AVTAL WINDOWS_AVTAL_EXE
set -euo pipefail
linux="$(realpath "$1")"
exe="$(realpath "$2")"
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$(cd "$here/../../tests/fixtures/schema-v2" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/linux" "$work/windows"
# Debian 12's wine lacks bcryptprimitives.dll (ProcessPrng), which Rust 1.78+ programs
# import: a stand-in beside the exe forwards to RtlGenRandom.
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/windows/bcryptprimitives.dll" \
    "$here/bcryptprimitives.c" -Wl,--kill-at
cp "$exe" "$work/windows/avtal.exe"
cp "$fixtures"/ag.toml "$fixtures"/c.csv "$fixtures"/r.csv "$work/linux/"
cp "$fixtures"/ag.toml "$fixtures"/c.csv "$fixtures"/r.csv "$work/windows/"
export WINEDEBUG=-all WINEPREFIX="$work/prefix" AVTAL_LANG=en
unset AVTAL_DB

# One command on both builds, in their own folders, with relative paths (the database is
# $db); the outputs kept.
n=0
db=t.redb
both() {
    n=$((n + 1))
    (cd "$work/linux" && "$linux" --db "$db" "$@" >"out-$n.txt" 2>"err-$n.txt") || true
    (cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe --db "$db" "$@" \
        >"out-$n.txt" 2>"err-$n.txt") || true
    if ! cmp -s "$work/linux/out-$n.txt" "$work/windows/out-$n.txt"; then
        echo "avtal.exe differs from the Linux build on: $*" >&2
        diff "$work/linux/out-$n.txt" "$work/windows/out-$n.txt" | head -20 >&2
        cat "$work/windows/err-$n.txt" >&2
        exit 1
    fi
}

both demo --calloffs 1000
both import agreement ag.toml
both import calloffs c.csv
both import requests r.csv
both list agreements --format json
for a in UH-2025-014 UH-2026-099; do
    both report kpi --agreement "$a" --from 2025-01-01 --to 2026-12-31 \
        --as-of "2026-12-06 12:00" --format json
    both report deviations --agreement "$a" --all --format json
    both report penalties --agreement "$a" --as-of 2026-12-06 --format json
done
both list meetings --format json
both list actions --format csv
both check
(cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe --db t.redb backup copy.redb >/dev/null)
(cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe --db copy.redb check >/dev/null)
# Paths as a Swedish office names them: a folder and a file with å/ä/ö and spaces.
mkdir -p "$work/linux/Avtal på G" "$work/windows/Avtal på G"
cp "$fixtures"/ag.toml "$work/linux/Avtal på G/ramavtal ö.toml"
cp "$fixtures"/ag.toml "$work/windows/Avtal på G/ramavtal ö.toml"
db="Avtal på G/Förvaltning 2026 åäö.redb"
both demo --calloffs 200
both import agreement "Avtal på G/ramavtal ö.toml"
both list agreements --format csv
(cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe --db "$db" \
    backup "Avtal på G/kopia å.redb" >/dev/null)
(cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe \
    --db "Avtal på G/kopia å.redb" check >/dev/null)
# The lock: while one avtal.exe writes a large demo, a second is refused in words.
(cd "$work/windows" && timeout 300 /usr/lib/wine/wine64 ./avtal.exe --db "låst.redb" \
    demo --calloffs 200000 >/dev/null 2>&1) &
writer=$!
for _ in $(seq 1 300); do [ -s "$work/windows/låst.redb" ] && break; sleep 0.1; done
sleep 0.5
if (cd "$work/windows" && timeout 120 /usr/lib/wine/wine64 ./avtal.exe --db "låst.redb" \
    list agreements >/dev/null 2>"lock-err.txt"); then
    echo "a second avtal.exe opened a database another one was writing" >&2
    exit 1
fi
grep -q "is already open by another avtal" "$work/windows/lock-err.txt" || {
    echo "the lock was not said in words:" >&2
    cat "$work/windows/lock-err.txt" >&2
    exit 1
}
wait "$writer"
# A report must say something: the comparison above is not of two empty outputs.
grep -q '"ranking_calloffs"' "$work/windows/out-6.txt"
echo "avtal.exe under wine: $n commands, every output as the Linux build's"
