#!/usr/bin/env bash
# Serves the packaged function on http://localhost:3000 as Lambda would run it, with no Docker: the
# alternative to `sam local start-api`. It runs target/function.zip under the AWS Lambda Java runtime
# interface client with the handler, memory and environment that sam.jvm.yaml declares, behind a
# local Runtime API and an HTTP front that speaks API Gateway's payload format 2.0. The table from
# the template is created in a fresh in-memory dynalite, or, when QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE
# names a DynamoDB endpoint, there (if missing). Function logs: target/serve-function/env-*.log.
#
# Usage: scripts/serve-function.sh [--no-build] [--port 3000] [--instances 1] [--template sam.jvm.yaml]
#                                   [--parameter Name=Value]...
#   --no-build   serve target/function.zip as it is, instead of running ./mvnw package first
#   --instances  how many execution environments take requests (Lambda scales out the same way)
#   --parameter  a template parameter, as `sam deploy --parameter-overrides` takes it; the others
#                keep their Default (e.g. --parameter AuthMode=none serves the API without auth)
#
# Like the deployed API, it wants a bearer JWT; here the token is decoded, never verified, and its
# claims reach the function as the JWT authorizer's. This unsigned one is the user "alice":
#   curl -H 'Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.' http://localhost:3000/tasks
#
# Needs a JDK 17+, Node.js 20+ (for dynalite) and Linux: the runtime interface client ships Linux
# libraries only.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
args=()
for arg in "$@"; do
    if [ "$arg" = "--no-build" ]; then build=false; else args+=("$arg"); fi
done
if $build; then
    ./mvnw -B -q package -DskipTests
fi
classpath_file=target/serve-function.classpath
if [ ! -f "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
    ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
    dev.taskapi.task.lambda.ServeFunction ${args[@]+"${args[@]}"}
