# Starts a private PostgreSQL server for the tests (Debian's postgresql-15) on a Unix socket in
# a temporary folder, and stops it again. Sourced by scripts/test:
#   postgres_start   sets CSIP_TEST_POSTGRES_URL; postgres_stop removes everything it made.
# initdb refuses to run as root, so as root the server runs as the 'postgres' system user.

POSTGRES_BIN=/usr/lib/postgresql/15/bin

postgres_as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_start() {
    POSTGRES_DIR=$(mktemp -d /tmp/csip-postgres.XXXXXX)
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$POSTGRES_DIR"; fi
    postgres_as "$POSTGRES_BIN/initdb" -D "$POSTGRES_DIR/data" -U csip --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$POSTGRES_DIR/initdb.log" 2>&1 || {
        cat "$POSTGRES_DIR/initdb.log" >&2
        return 1
    }
    postgres_as "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -l "$POSTGRES_DIR/server.log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories='$POSTGRES_DIR' -c fsync=off -c max_connections=200" \
        start >/dev/null || {
        cat "$POSTGRES_DIR/server.log" >&2
        return 1
    }
    export CSIP_TEST_POSTGRES_URL="postgresql:///postgres?host=$POSTGRES_DIR&user=csip"
    echo "postgres: test server running on $POSTGRES_DIR"
}

postgres_stop() {
    if [ -n "${POSTGRES_DIR:-}" ] && [ -d "$POSTGRES_DIR" ]; then
        postgres_as "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$POSTGRES_DIR"
    fi
}
