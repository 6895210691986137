#!/usr/bin/env bash
# Builds an application that depends on neurite-core alone (.ci/consumer) against the modules
# installed into a scratch local repository, then checks that
#   - its dependency tree holds neurite-core and nothing else: no picocli, no report;
#   - it runs on the module path with only java.base, java.logging and jdk.incubator.vector
#     besides the two modules (--limit-modules: no java.desktop, no jdk.management), and on the
#     class path, and as a jlink runtime image; each trains XOR, saves, loads and predicts
#     [0, 1, 1, 0] on a vector backend.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"
JAVA="$JAVA_HOME/bin/java"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/neurite-consumer.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
# Installs go to the scratch repository; plugins and libraries already downloaded are read from
# the user's repository (Maven 3.9's read-only tail), so nothing here is downloaded twice.
repo=(-Dmaven.repo.local="$scratch/repo" -Dmaven.repo.local.tail="$HOME/.m2/repository")

fail() { echo "consumer: $*" >&2; exit 1; }

./mvnw -B -q "${repo[@]}" -pl core -am -DskipTests install
cp -r .ci/consumer "$scratch/app"
./mvnw -B -q "${repo[@]}" -f "$scratch/app/pom.xml" package
./mvnw -B -q "${repo[@]}" -f "$scratch/app/pom.xml" dependency:tree -DoutputFile="$scratch/tree.txt"
./mvnw -B -q "${repo[@]}" -f "$scratch/app/pom.xml" dependency:build-classpath -Dmdep.outputFile="$scratch/cp.txt"
cat "$scratch/tree.txt"
grep -q "dev.neurite:neurite-core:jar" "$scratch/tree.txt" || fail "neurite-core is not in the dependency tree"
[ "$(grep -Ec '^[|+\\ ]*[+\\]- ' "$scratch/tree.txt")" -eq 1 ] || fail "the dependency tree holds more than neurite-core"
if grep -Eq "picocli|neurite-report|neurite-cli" "$scratch/tree.txt"; then fail "picocli or the report came with neurite-core"; fi

core="$(cat "$scratch/cp.txt")"
app="$scratch/app/target/consumer.jar"
check() { # $1: what ran, $2: its output
  echo "$2"
  echo "$2" | grep -q "CONSUMER predicted=\[0,1,1,0\]" || fail "$1: wrong or no prediction"
  echo "$2" | grep -Eq "backend=(simd|blas)" || fail "$1: fell back to the scalar backend"
}
out=$("$JAVA" --module-path "$core:$app" --add-modules jdk.incubator.vector \
  --limit-modules java.base,java.logging,jdk.incubator.vector,dev.neurite.core,consumer \
  --enable-native-access=dev.neurite.core -m consumer/consumer.App 2>&1) || fail "module path: $out"
check "module path" "$out"
echo "$out" | grep -q "module=named" || fail "module path: the application did not run as a named module"
out=$("$JAVA" -cp "$core:$app" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  consumer.App 2>&1) || fail "class path: $out"
check "class path" "$out"
echo "$out" | grep -q "module=unnamed" || fail "class path: the application ran as a named module"
# jlink takes neurite-core as it takes any named module: a runtime image of the application alone
"$JAVA_HOME/bin/jlink" --module-path "$core:$app" \
  --add-modules consumer,jdk.incubator.vector --output "$scratch/image" --no-header-files --no-man-pages
out=$("$scratch/image/bin/java" --add-modules jdk.incubator.vector --enable-native-access=dev.neurite.core \
  -m consumer/consumer.App 2>&1) || fail "jlink image: $out"
check "jlink image" "$out"
echo "consumer: neurite-core alone, on the module path, on the class path and in a jlink image"
