#!/usr/bin/env bash
# Runs every test of every module (unit, integration against embedded PostgreSQL and DuckDB, end-to-end over
# HTTP through all three services, and the browser tests, which need /usr/bin/chromium and chromedriver).
# It is `./mvnw verify` with a JDK 21+ picked for you; extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
exec ./mvnw -B verify "$@"
