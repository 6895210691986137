#!/usr/bin/env bash
# Regenerates core/src/main/java/dev/neurite/kernel/opencl/cl_h.java from opencl/cl_trimmed.h.
# Needs jextract (https://jdk.java.net/jextract/) on PATH. See README.md for the manual steps.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"

if ! command -v jextract >/dev/null 2>&1; then
    echo "regenerate-opencl-bindings.sh: jextract is not on PATH." >&2
    echo "  Get it from https://jdk.java.net/jextract/ (a build for JDK 25 or newer) and add its bin/ to PATH." >&2
    echo "  cl_h.java is checked in; without jextract, edit it by hand to match opencl/cl_trimmed.h." >&2
    exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# @includes.txt lists exactly the functions and constants Neurite binds;
# --library :libOpenCL.so.1 is replaced below by OpenClLibrary's configurable lookup.
jextract \
    --target-package dev.neurite.kernel.opencl \
    --header-class-name cl_h \
    --library :libOpenCL.so.1 \
    --output "$out" \
    @"$here/opencl/includes.txt" \
    "$here/opencl/cl_trimmed.h"

generated="$out/dev/neurite/kernel/opencl/cl_h.java"
target="$root/src/main/java/dev/neurite/kernel/opencl/cl_h.java"
cp "$generated" "$target"
echo "wrote $target"
echo "Now replace its SYMBOL_LOOKUP initialiser with OpenClLibrary.lookup() (see README.md)." >&2
