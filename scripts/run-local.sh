#!/usr/bin/env bash
# Runs CloudAct on this machine with its embedded defaults: embedded PostgreSQL, a DuckDB file and a local key
# under ./data (or $CLOUDACT_DATA_DIR), the frontend on :3000, the API on :8000 and the pipeline service on
# :8001, all in one JVM, with a demo organization. Builds first when the sources changed. Ctrl-C stops it; the
# data stays for the next start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

jar=local-stack/target/local-stack-0.1.0-SNAPSHOT.jar
changed() {
  find . \( -path ./data -o -path ./.git -o -path '*/target' \) -prune -o \( -name '*.java' -o -name '*.yml' \
    -o -name '*.sql' -o -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.csv' -o -name 'pom.xml' \) \
    -newer "$jar" -print -quit
}
if [ ! -f "$jar" ] || [ -n "$(changed)" ]; then
  echo "Building CloudAct (the first build downloads its dependencies)..."
  ./mvnw -B -q -DskipTests install
fi

export CLOUDACT_DATA_DIR="${CLOUDACT_DATA_DIR:-$PWD/data}"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar"
