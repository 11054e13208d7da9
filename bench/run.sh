#!/usr/bin/env bash
# The performance benchmark (issue 6): packages the Task API (target/function.zip) and the floor
# function (bench/floor), then runs both and the Python peer (bench/python/peer.py) as Lambda runs
# them: each under a Lambda Runtime API emulator, the Java ones under Lambda's Java runtime interface
# client with Lambda's JVM flags and the template's environment, all against one dynalite whose table
# is created from sam.jvm.yaml. Writes bench/results/results.md, latency.png and samples.csv.
# Not part of ./mvnw verify. Takes about 3 minutes on 2 cores.
#
# Usage: bench/run.sh [--no-build] [--cold 11] [--warm 1000] [--warm-up 1500] [--scale 10000]
#                     [--python /usr/bin/python3 | none] [--out bench/results]
#   --no-build  measure the function.zip files as they are
#   --cold      fresh runtimes started per variant (median reported)
#   --warm      measured requests per kind, after --warm-up rounds of every kind
#   --scale     tasks stored for the owner of the scaling run (the small one has 100)
#   --python    the Python with boto3 for the peer (default: Debian's python3-boto3, else python3 on
#               the PATH); "none" leaves the peer out
#
# Needs Linux, a JDK 17+, Node.js 20+ (dynalite) and, for the peer, Python 3 with boto3
# (apt-get install python3-boto3). Run it on an otherwise idle machine: the report gives the load.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
args=()
for arg in "$@"; do
    if [ "$arg" = "--no-build" ]; then build=false; else args+=("$arg"); fi
done
if $build; then
    ./mvnw -B -q package -DskipTests
    ./mvnw -B -q -f bench/floor/pom.xml package -DskipTests
fi
classpath_file=target/bench.classpath
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
    ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Named in the report: what was measured.
export BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo '+changes')"
exec "$java" -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    dev.taskapi.bench.Benchmark ${args[@]+"${args[@]}"}
