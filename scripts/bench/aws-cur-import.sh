#!/usr/bin/env bash
# Benchmark: generates an AWS CUR of about a million lines (CSV.GZ and Parquet), imports both through the real
# local stack (HTTP trigger, quota, load, FOCUS conversion) and prints rows/s, wall time and peak memory next to
# the same work bare in DuckDB. Usage: scripts/bench/aws-cur-import.sh [rows]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/java-home.sh

rows="${1:-1000000}"
./mvnw -B -q -DskipTests install
./mvnw -B -q -pl local-stack test-compile
classpath=$(./mvnw -B -q -pl local-stack dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)
exec "$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED \
  -cp "local-stack/target/test-classes:local-stack/target/classes:$classpath" \
  com.cloudact.localstack.AwsCurImportBenchmark "$rows"
