#!/usr/bin/env bash
# Builds regent-<version>-linux-x64.tar.gz: a jlink'ed Java runtime with only the modules Regent needs (and the
# class-data sharing archive of its own classes), the application jar, bin/regent (which makes Regent's own CDS
# archives on first use: Java 17 cannot move them), LICENSE, docs, examples and an example systemd unit. Called by `./mvnw -Pdist package` (regent-cli's dist profile) after the jar is built.
#   build-archive.sh TARGET_DIR VERSION
set -euo pipefail
TARGET=$1
VERSION=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NAME="regent-$VERSION-linux-x64"
STAGE="$TARGET/dist/$NAME"
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}

# The modules: what jdeps reports for the application and its libraries (java.base, java.compiler, java.desktop for
# java.beans, java.instrument, java.management, java.net.http, java.sql, jdk.unsupported), plus what they reach only
# by reflection or service lookup: java.naming (JDBC, Jetty), jdk.crypto.ec (TLS with EC keys), jdk.management
# (CPU metrics), jdk.charsets. The archive's smoke test (dist/smoke-test.sh) runs the server and commands on it.
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.management,java.net.http,java.sql,java.naming,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.charsets

step() { echo "dist: $*" >&2; }

rm -rf "$TARGET/dist"
mkdir -p "$STAGE/lib" "$STAGE/bin" "$STAGE/docs"
step "jlink: a runtime with $MODULES"
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods" --add-modules "$MODULES" --output "$STAGE/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive
cp "$TARGET/regent.jar" "$STAGE/lib/regent.jar"
# The classes everyday commands load, in local and remote mode (a training run on this runtime): bin/regent dumps the
# commands' static class-data sharing archive from it on first use (an archive itself cannot be shipped: Java 17
# uses one only at the path it was made at). The same run puts SQLite's native library in lib/native, which
# bin/regent names to the driver (otherwise copied out of the jar to a new temporary file on every start).
step "training the commands' class list"
"$STAGE/runtime/bin/java" -XX:TieredStopAtLevel=1 -XX:DumpLoadedClassList="$STAGE/lib/regent-cli.classlist" \
  -cp "$STAGE/lib/regent.jar" dev.regent.cli.CdsTraining --sqlite-native "$STAGE/lib/native"
cp "$ROOT/dist/bin/regent" "$STAGE/bin/regent"
chmod 0755 "$STAGE/bin/regent"
cp "$ROOT/dist/regent.service" "$STAGE/regent.service"
cp "$ROOT/LICENSE" "$STAGE/LICENSE"
cp "$ROOT/README.md" "$STAGE/README.md"
cp "$ROOT"/docs/*.md "$STAGE/docs/"
cp -r "$ROOT/examples" "$STAGE/examples"

step "packing $NAME.tar.gz"
tar -C "$TARGET/dist" --owner=0 --group=0 -czf "$TARGET/$NAME.tar.gz" "$NAME"
(cd "$TARGET" && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")
step "built $TARGET/$NAME.tar.gz ($(du -h "$TARGET/$NAME.tar.gz" | cut -f1))"
