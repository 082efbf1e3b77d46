#!/usr/bin/env bash
# Runs every test of every module (unit, integration against embedded PostgreSQL and DuckDB, end-to-end over
# HTTP through all three services, and the browser tests, which need /usr/bin/chromium and chromedriver).
# It is `./mvnw verify` with a JDK 21+ picked for you, after installing the emulators the tests start
# (scripts/install-test-tools.sh: Azurite into .tools/); extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
./scripts/install-test-tools.sh
exec ./mvnw -B verify "$@"
