#!/usr/bin/env bash
# System tools the build needs (codec libraries are compiled from source): cmake, nasm
# (libjpeg-turbo's SIMD) and g++ (CharLS). Installed with apt-get only when missing.
set -euo pipefail
missing=""
for tool in cmake nasm g++; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq cmake nasm g++ >/dev/null
