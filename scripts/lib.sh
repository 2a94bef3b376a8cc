# scripts/lib.sh — helpers shared by ./mosmos and the scripts it runs (source it; do not run it).
# Sets MOSMOS_ROOT when the caller has not, and defines: log, die, alive, cmd_has, port_busy,
# stop_options, stop_recorded, apt_install, run_dotnet.

if [ -z "${MOSMOS_ROOT:-}" ]; then
  MOSMOS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  export MOSMOS_ROOT
fi

log() { echo "mosmos: $*" >&2; }
die() { log "$*"; exit 1; }

# alive PID: running and not a zombie. Where PID 1 does not reap orphans, an exited daemon stays
# a zombie and `kill -0` still succeeds, so read the state letter from /proc/PID/stat.
alive() {
  local st
  st=$(sed -E 's/^[0-9]+ \(.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null) && [ -n "$st" ] && [ "$st" != Z ]
}
# cmd_has PID TEXT: PID is alive and its command line contains TEXT.
cmd_has() { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stop_options "$@": the options of every scripts/services/stop-*.sh — --dir DIR [--timeout S] [--purge]; -h prints
# the script's header comment. Sets DIR (absolute), TIMEOUT (the caller's default unless given), PURGE; exits 0 when
# DIR does not exist (nothing to stop).
# shellcheck disable=SC2034 # PURGE is read by the stop script that calls this
stop_options() {
  PURGE=0 DIR=
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) DIR=$2; shift 2;;
      --timeout) TIMEOUT=$2; shift 2;;
      --purge) PURGE=1; shift;;
      -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0;;
      *) log "unknown option $1"; exit 2;;
    esac
  done
  [ -n "$DIR" ] || { log "--dir is required"; exit 2; }
  [ -d "$DIR" ] || exit 0
  DIR=$(cd "$DIR" && pwd)
}

# stop_recorded PID MARKER SIGNAL NAME: stops a process a start script recorded, only if its command line still
# contains MARKER (a live PID without it was reused by someone else: left alone); SIGSIGNAL, SIGKILL after $TIMEOUT s.
stop_recorded() {
  local pid=$1 marker=$2 signal=$3 name=$4 deadline t0
  if cmd_has "$pid" "$marker"; then
    t0=$(date +%s%N)
    kill "-$signal" "$pid" 2> /dev/null || true
    deadline=$(( $(date +%s) + TIMEOUT ))
    while alive "$pid" && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
    if alive "$pid"; then log "$name: pid $pid ignored SIG$signal for ${TIMEOUT}s, sending SIGKILL"; kill -KILL "$pid" 2> /dev/null || true; fi
    log "$name: stopped pid $pid in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  elif alive "$pid"; then
    log "$name: pid $pid is not ours (PID reused): left alone"
  fi
}

# apt_install PKG...: installs the Debian packages that are missing (one `apt-get update` first),
# keeping packaged daemons (orthanc, rabbitmq-server) from starting with a temporary policy-rc.d
# (exit 101, Debian's documented switch) unless the machine already has one.
apt_install() {
  local missing=() p made_policy=0 rc=0 installed
  # one dpkg-query for all (a call per package costs about 70 ms)
  installed=" $(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2> /dev/null | sed -n 's/ install ok installed$//p' | tr '\n' ' ') "
  for p in "$@"; do
    case "$installed" in *" $p "*) ;; *) missing+=("$p");; esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]} (or install them by hand)"
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  log "installing ${missing[*]}"
  # DPkg::Lock::Timeout: wait for a concurrent apt/dpkg run instead of failing at once
  local apt=(apt-get -q -o DPkg::Lock::Timeout=900)
  { "${apt[@]}" update > /dev/null &&
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" -y --no-install-recommends install "${missing[@]}" > /dev/null; } || rc=$?
  [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || die "apt-get install ${missing[*]} failed"
  # second guard: a packaged daemon that started anyway is stopped through its own pid file
  if [ -s /run/orthanc.pid ] && alive "$(cat /run/orthanc.pid)"; then
    log "stopping the packaged orthanc service"; /etc/init.d/orthanc stop > /dev/null 2>&1 || true
  fi
  if [ -s /var/run/rabbitmq/pid ] && alive "$(cat /var/run/rabbitmq/pid)"; then
    log "stopping the packaged rabbitmq-server service"; /etc/init.d/rabbitmq-server stop > /dev/null 2>&1 || true
  fi
}

# project_dirs CSPROJ: the project's folder and, recursively, those of its ProjectReferences.
project_dirs() {
  local proj dir ref
  proj=$(readlink -f "$1"); dir=$(dirname "$proj")
  case " ${_seen_dirs:-} " in *" $dir "*) return 0;; esac
  _seen_dirs="${_seen_dirs:-} $dir"
  echo "$dir"
  while IFS= read -r ref; do
    ref=${ref//\\//}
    [ -f "$dir/$ref" ] && project_dirs "$dir/$ref"
  done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$proj")
}

# run_dotnet PROJECT [ARGS...]: builds PROJECT (a .csproj, relative to the repo root or absolute)
# in Release into artifacts/ and runs the built dll with ARGS. The build is skipped when no
# file of the project, of a referenced project or of the root build files changed since the
# last successful build (MOSMOS_FORCE_BUILD=1 builds anyway). Build output goes to stderr.
run_dotnet() {
  local proj=$1; shift
  [ "${proj#/}" != "$proj" ] || proj=$MOSMOS_ROOT/$proj
  [ -f "$proj" ] || die "project $proj does not exist"
  local name asm stamp dll dirs
  name=$(basename "$proj" .csproj)
  asm=$(sed -n 's/.*<AssemblyName>\([^<]*\)<\/AssemblyName>.*/\1/p' "$proj" | head -n 1)
  dll=$MOSMOS_ROOT/artifacts/bin/$name/release/${asm:-$name}.dll
  stamp=$MOSMOS_ROOT/artifacts/stamps/$name.built
  _seen_dirs=
  mapfile -t dirs < <(project_dirs "$proj")
  # one build of a project at a time (two verbs started side by side would race in obj/)
  local lockfd
  mkdir -p "$(dirname "$stamp")"
  exec {lockfd}> "$stamp.lock"
  flock "$lockfd"
  if [ "${MOSMOS_FORCE_BUILD:-0}" = 1 ] || [ ! -f "$stamp" ] ||
     [ -n "$(find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o -newer "$stamp" -print -quit)" ] ||
     [ -n "$(find "$MOSMOS_ROOT" -maxdepth 1 \( -name 'Directory.*' -o -name global.json -o -name NuGet.config \) -newer "$stamp" -print -quit)" ]; then
    local t0 out
    t0=$(date +%s%N)
    touch "$stamp.new"
    # {lockfd}>&-: build servers that outlive the build must not inherit (and keep) the lock
    out=$(dotnet build "$proj" -c Release --artifacts-path "$MOSMOS_ROOT/artifacts" -nologo -v q -clp:NoSummary 2>&1 {lockfd}>&-) ||
      { echo "$out" >&2; rm -f "$stamp.new"; die "build of $name failed"; }
    mv "$stamp.new" "$stamp"
    log "built $name in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  fi
  exec {lockfd}>&-
  # a project with a RuntimeIdentifier (the trainer: linux-x64) builds into release_<rid>/
  [ -f "$dll" ] || dll=$(ls "$MOSMOS_ROOT/artifacts/bin/$name"/release_*/"${asm:-$name}.dll" 2> /dev/null | head -n 1)
  [ -n "$dll" ] && [ -f "$dll" ] || die "built $name but found no ${asm:-$name}.dll under artifacts/bin/$name"
  dotnet "$dll" "$@"
}
