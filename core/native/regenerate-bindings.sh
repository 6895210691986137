#!/usr/bin/env bash
# Regenerates core/src/main/java/dev/neurite/kernel/blas/cblas_h.java from cblas/cblas_trimmed.h.
# Needs jextract (https://jdk.java.net/jextract/) on PATH. See README.md for the one manual step.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if ! command -v jextract >/dev/null 2>&1; then
    echo "regenerate-bindings.sh: jextract is not on PATH." >&2
    echo "  Get it from https://jdk.java.net/jextract/ (a build for JDK 25 or newer) and add its bin/ to PATH." >&2
    echo "  cblas_h.java is checked in; without jextract, edit it by hand to match cblas/cblas_trimmed.h." >&2
    exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# @includes.txt lists exactly the functions and constants Neurite binds;
# --library :libopenblas.so.0 is replaced below by OpenBlasLibrary's configurable lookup.
jextract \
    --target-package dev.neurite.kernel.blas \
    --header-class-name cblas_h \
    --library :libopenblas.so.0 \
    --output "$out" \
    @"$here/cblas/includes.txt" \
    "$here/cblas/cblas_trimmed.h"

generated="$out/dev/neurite/kernel/blas/cblas_h.java"
target="$root/src/main/java/dev/neurite/kernel/blas/cblas_h.java"
cp "$generated" "$target"
echo "wrote $target"
echo "Now replace its SYMBOL_LOOKUP initialiser with OpenBlasLibrary.lookup() (see README.md)." >&2
