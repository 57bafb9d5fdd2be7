#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests (issue 21, docs/postgresql.md), started the way
# scripts/ensure-chromium.sh provides Chromium: Debian's own package, installed when missing.
#
#   scripts/ensure-postgres.sh [start]   prints a connection URL (the only line on stdout)
#   scripts/ensure-postgres.sh stop      stops the server and deletes its data directory
#   scripts/ensure-postgres.sh status    exit 0 when it runs (prints the URL), 3 when not
#
# start:
#   - PG_TEST_URL set: an existing server is used; the URL is printed and nothing is started.
#   - otherwise the PostgreSQL binaries are looked for (/usr/lib/postgresql/<major>/bin, then
#     PATH); missing, Debian's `postgresql` package is installed (apt-get update + install; root
#     or sudo). Debian 12 (bookworm) gives PostgreSQL 15. A fresh install costs about 30 s
#     (measured: apt-get update + 46 MB download 12.5 s, unpacking ~10 s, postinst a few s).
#   - a cluster is created in PG_DIR (initdb, trust authentication, no fsync: it holds test data
#     only) and started on 127.0.0.1:PG_PORT; PostgreSQL refuses to run as root, so as root the
#     server runs as the `postgres` system user the package creates. Already running: reused.
#   - the database PG_DATABASE is created when missing; the URL names it.
#   - PG_STARTED_MARKER=<file>: written when this call started the server (not when it reused
#     one), so the caller that started it knows to stop it (vitest.global-setup.ts).
#
# Environment: PG_PORT (55432), PG_DIR (/tmp/cloudshield-pg-$PG_PORT), PG_DATABASE (cloudshield).
set -euo pipefail

ACTION=${1:-start}
PG_PORT=${PG_PORT:-55432}
PG_DIR=${PG_DIR:-/tmp/cloudshield-pg-$PG_PORT}
PG_DATABASE=${PG_DATABASE:-cloudshield}
DATA="$PG_DIR/data"
URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DATABASE"

log() { echo "ensure-postgres: $*" >&2; }
die() { echo "ensure-postgres: error: $*" >&2; exit 1; }

[[ $PG_PORT =~ ^[0-9]+$ ]] || die "PG_PORT must be a port number, got '$PG_PORT'"
[[ $PG_DATABASE =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_DATABASE must be a plain lower-case name, got '$PG_DATABASE'"

if [ "$ACTION" = start ] && [ -n "${PG_TEST_URL:-}" ]; then
  echo "$PG_TEST_URL"
  exit 0
fi

# The newest installed major version's binaries (Debian keeps them off PATH).
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  return 1
}

install_postgres() {
  log "PostgreSQL not found: installing Debian's package (about 30 s)."
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "PostgreSQL is not installed and this user cannot install it (no root, no sudo); set PG_TEST_URL to an existing server"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
}

BINDIR=""
need_bindir() {
  if [ -z "$BINDIR" ]; then
    BINDIR=$(find_bindir) || { install_postgres; BINDIR=$(find_bindir) || die "postgresql was installed but no pg_ctl/initdb was found under /usr/lib/postgresql/*/bin"; }
  fi
}

# PostgreSQL refuses to run as root: as root, run its programs as the `postgres` user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root and there is no 'postgres' user to run the server as"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [ -n "$BINDIR" ] && [ -f "$DATA/PG_VERSION" ] && as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_admin() {
  "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}

start() {
  need_bindir
  mkdir -p "$(dirname "$PG_DIR")"
  # One start at a time for this directory (test workers may ask at once).
  # (fd 9 is closed for pg_ctl: a server inheriting it would hold the lock for its lifetime.)
  exec 9>"$PG_DIR.lock"
  flock -w 120 9 || die "timed out waiting for another start in $PG_DIR"

  if running; then
    log "reusing the server in $PG_DIR (port $PG_PORT)"
  else
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
    chmod 700 "$PG_DIR"
    log "initdb $DATA ($("$BINDIR/postgres" --version))"
    as_pg "$BINDIR/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$PG_DIR/initdb.log" 2>&1 \
      || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    # Test data only: no durability, so nothing waits for the disk.
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2 9>&- || { tail -n 30 "$PG_DIR/server.log" >&2 || true; die "the server did not start (port $PG_PORT taken?)"; }
    if [ -n "${PG_STARTED_MARKER:-}" ]; then echo "$PG_PORT" >"$PG_STARTED_MARKER"; fi
    log "started on 127.0.0.1:$PG_PORT"
  fi

  if [ "$(psql_admin -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $PG_DATABASE" >&2
  fi
  echo "$URL"
}

stop() {
  BINDIR=$(find_bindir) || true
  if running; then
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop >&2
    log "stopped the server in $PG_DIR"
  fi
  rm -rf "$PG_DIR" "$PG_DIR.lock"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status)
    BINDIR=$(find_bindir) || true
    if running; then echo "$URL"; else exit 3; fi
    ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac
