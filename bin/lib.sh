# Shared by bin/setup and bin/test (sourced, never run on its own): finding or installing
# Odoo, and the embedded PostgreSQL cluster. Every failure ends in one line saying what is
# wrong and what to do, through die().

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL="$ROOT/.local"
CONF="$ROOT/odoo.conf"
STATE_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/odoo-crm-fr-addons"
STATE_FILE="$STATE_DIR/odoo.env"
DEFAULT_ODOO_SOURCE="https://github.com/odoo/odoo/archive/refs/heads/19.0.tar.gz"
EMBEDDED_PG_PORT=5433

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# The addons of this repository: every folder at its root holding a manifest, comma-separated.
# (Odoo orders their installation by the dependencies their manifests declare.)
present_addons() {
    local list="" manifest
    for manifest in "$ROOT"/*/__manifest__.py; do
        [ -f "$manifest" ] || continue
        manifest=${manifest%/__manifest__.py}
        list="${list:+$list,}${manifest##*/}"
    done
    echo "$list"
}

# conf_get KEY: the value of KEY in odoo.conf (last occurrence wins, as in Odoo).
conf_get() {
    sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$CONF" | tail -n 1 | sed 's/[[:space:]]*$//'
}

odoo_python_ok() {
    [ -n "$1" ] && [ -x "$1" ] && "$1" -c 'import sys, odoo.release as r; sys.exit(r.version_info[0] != 19)' >/dev/null 2>&1
}

remember_odoo() { # remember_odoo PYTHON SOURCE: for a later fresh clone (CI) to find this Odoo.
    mkdir -p "$STATE_DIR"
    printf 'REMEMBERED_PYTHON=%q\nREMEMBERED_SOURCE=%q\n' "$1" "$2" >"$STATE_FILE"
}

# unpack_odoo_source SOURCE: prints the path of an Odoo source tree made from SOURCE
# (a directory, an archive or a URL of one).
unpack_odoo_source() {
    local src=$1 archive tmp top
    if [ -d "$src" ]; then
        [ -f "$src/odoo/release.py" ] && [ -d "$src/addons" ] \
            || die "ODOO_SOURCE=$src is a directory but not an Odoo source tree (no odoo/release.py and addons/)."
        (cd "$src" && pwd)
        return
    fi
    if [ -d "$LOCAL/odoo-src/odoo" ]; then
        echo "$LOCAL/odoo-src"
        return
    fi
    mkdir -p "$LOCAL"
    case "$src" in
        http://*|https://*)
            archive="$LOCAL/odoo-source.download"
            say "downloading Odoo from $src" >&2
            curl -fsSL --retry 2 -o "$archive.part" "$src" \
                || { rm -f "$archive.part"; die "could not download ODOO_SOURCE=$src: set ODOO_SOURCE to a local Odoo 19.0 source tree or archive."; }
            mv "$archive.part" "$archive"
            ;;
        *)
            [ -f "$src" ] || die "ODOO_SOURCE=$src does not exist: set it to an Odoo 19.0 source tree, archive or URL."
            archive=$src
            ;;
    esac
    tmp=$(mktemp -d "$LOCAL/odoo-src.XXXX")
    case "$(file -b --mime-type "$archive" 2>/dev/null)" in
        application/zip) (cd "$tmp" && python3 -m zipfile -e "$archive" .) ;;
        *) tar -xf "$archive" -C "$tmp" ;;
    esac || { rm -rf "$tmp"; die "ODOO_SOURCE=$src is not a readable tar or zip archive."; }
    top=$(find "$tmp" -maxdepth 3 -name release.py -path '*/odoo/release.py' | head -n 1)
    [ -n "$top" ] || { rm -rf "$tmp"; die "ODOO_SOURCE=$src holds no Odoo source tree (no odoo/release.py)."; }
    mv "$(dirname "$(dirname "$top")")" "$LOCAL/odoo-src"
    rm -rf "$tmp"
    echo "$LOCAL/odoo-src"
}

# install_odoo SOURCE: the project's .venv with Odoo installed from SOURCE, plus our requirements.
install_odoo() {
    local src req py
    src=$(unpack_odoo_source "$1") || exit 1
    command -v python3.11 >/dev/null || die "python3.11 is missing: install Python 3.11 (Odoo 19.0 runs on it) and run again."
    [ -x "$ROOT/.venv/bin/python" ] || python3.11 -m venv "$ROOT/.venv" || die "could not create $ROOT/.venv."
    py="$ROOT/.venv/bin/python"
    say "installing Odoo 19.0 from $src into .venv (a few minutes the first time)"
    req="$LOCAL/odoo-requirements.txt"
    mkdir -p "$LOCAL"
    # python-ldap only builds with the OpenLDAP headers; the addons do not use LDAP.
    if [ -f /usr/include/ldap.h ]; then cp "$src/requirements.txt" "$req"
    else grep -vi '^python-ldap' "$src/requirements.txt" >"$req"; fi
    "$py" -m pip install -q --upgrade pip wheel 'setuptools<81' \
        && "$py" -m pip install -q --build-constraint "$ROOT/bin/build-constraints.txt" -r "$req" \
        && "$py" -m pip install -q --no-deps --config-settings editable_mode=compat -e "$src" \
        && "$py" -m pip install -q -r "$ROOT/requirements.txt" -c "$req" \
        || die "installing Odoo's requirements failed (see pip's output above); fix it and run again: what is installed is reused."
    odoo_python_ok "$py" || die "Odoo was installed but does not import with $py."
    remember_odoo "$py" "$src"
}

# find_odoo_python [install]: sets ODOO_PY and ODOO_FOUND_BY, or returns 1. Looks in
# .venv, ODOO_SOURCE, the path bin/setup remembered, then the machine's Python.
find_odoo_python() {
    ODOO_PY="" ODOO_FOUND_BY=""
    if odoo_python_ok "$ROOT/.venv/bin/python"; then
        ODOO_PY="$ROOT/.venv/bin/python" ODOO_FOUND_BY=".venv"
        return 0
    fi
    if [ -n "${ODOO_SOURCE:-}" ]; then
        install_odoo "$ODOO_SOURCE"
        ODOO_PY="$ROOT/.venv/bin/python" ODOO_FOUND_BY="ODOO_SOURCE ($ODOO_SOURCE)"
        return 0
    fi
    if [ -f "$STATE_FILE" ]; then
        local REMEMBERED_PYTHON="" REMEMBERED_SOURCE=""
        # shellcheck disable=SC1090
        . "$STATE_FILE"
        if odoo_python_ok "$REMEMBERED_PYTHON"; then
            ODOO_PY=$REMEMBERED_PYTHON ODOO_FOUND_BY="the Python bin/setup remembered in $STATE_FILE ($REMEMBERED_PYTHON)"
            return 0
        fi
        if [ -n "$REMEMBERED_SOURCE" ] && [ -d "$REMEMBERED_SOURCE" ]; then
            install_odoo "$REMEMBERED_SOURCE"
            ODOO_PY="$ROOT/.venv/bin/python" ODOO_FOUND_BY="the source bin/setup remembered in $STATE_FILE ($REMEMBERED_SOURCE)"
            return 0
        fi
    fi
    if odoo_python_ok "$(command -v python3)"; then
        ODOO_PY=$(command -v python3) ODOO_FOUND_BY="the machine's python3"
        return 0
    fi
    return 1
}

# install_requirements: requirements.txt (the OCA addons among them) into ODOO_PY's environment,
# under Odoo's own pins: an OCA wheel requires odoo==19.0.*, and pip then resolves Odoo's install
# requirements anew; unconstrained, it once upgraded lxml past Odoo's pin.
install_requirements() {
    "$ODOO_PY" -m pip install -q -r "$ROOT/requirements.txt" -c "$(odoo_source_dir)/requirements.txt"
}

# check_odoo_pins: fails, naming them, when installed packages break Odoo's pins.
check_odoo_pins() {
    "$ODOO_PY" "$ROOT/bin/check_odoo_pins.py" "$(odoo_source_dir)/requirements.txt"
}

# odoo_source_dir: the folder holding the odoo package that ODOO_PY imports (a namespace
# package in 19.0, hence release.py rather than __file__).
odoo_source_dir() {
    "$ODOO_PY" -c 'import os, odoo.release as r; print(os.path.dirname(os.path.dirname(os.path.abspath(r.__file__))))'
}

# link_odoo_addons: addons/odoo points at the addons of the Odoo that ODOO_PY imports, so that
# odoo.conf's relative addons_path holds whatever Odoo is used (addons/README.md).
link_odoo_addons() {
    local dir
    dir="$(odoo_source_dir)/addons"
    [ -f "$dir/crm/__manifest__.py" ] || die "the Odoo imported by $ODOO_PY has no addons folder beside it ($dir): install Odoo from a full source tree."
    [ ! -e "$ROOT/addons/odoo" ] || [ -L "$ROOT/addons/odoo" ] \
        || die "$ROOT/addons/odoo is a folder of its own: move it (bin/setup links Odoo's addons there)."
    ln -sfn "$dir" "$ROOT/addons/odoo"
}

# ---- PostgreSQL -------------------------------------------------------------------------

uses_embedded_pg() {
    case "$(conf_get db_host)" in 127.0.0.1|localhost) ;; *) return 1 ;; esac
    [ "$(conf_get db_port)" = "$EMBEDDED_PG_PORT" ]
}

pg_bindir() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
    done
    command -v pg_ctl >/dev/null && { dirname "$(command -v pg_ctl)"; return; }
    die "PostgreSQL server programs (pg_ctl, initdb) are missing: install Debian's postgresql-15 package."
}

# PostgreSQL refuses to run as root: as root, its programs run as the postgres system user.
as_pg() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

port_in_use() { # port_in_use PORT: something answers on 127.0.0.1:PORT
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_home: where the cluster lives. As root the postgres user must reach it; when this
# checkout sits where it cannot (e.g. under /root), the cluster goes to a folder of its own
# under /var/tmp, linked from .local/pg.
pg_home() {
    local home="$LOCAL/pg" alt
    if [ "$(id -u)" = 0 ] && [ ! -e "$home" ]; then
        mkdir -p "$LOCAL"
        if ! runuser -u postgres -- test -x "$LOCAL"; then
            alt="/var/tmp/odoo-crm-fr-pg-$(echo "$ROOT" | md5sum | cut -c1-12)"
            mkdir -p "$alt"
            ln -sfn "$alt" "$home"
        fi
    fi
    mkdir -p "$home"
    # The real path: the postgres user may be unable to go through the link's folder.
    (cd -P "$home" && pwd)
}

ensure_pg() {
    uses_embedded_pg || { say "using the PostgreSQL server of odoo.conf ($(conf_get db_host):$(conf_get db_port))"; return 0; }
    local bin home data run log pwfile
    bin=$(pg_bindir) || exit 1
    home=$(pg_home)
    if ! as_pg "$bin/pg_ctl" -D "$home/data" status >/dev/null 2>&1 && port_in_use "$EMBEDDED_PG_PORT"; then
        psql_q "SELECT 1" >/dev/null 2>&1 \
            || die "port $EMBEDDED_PG_PORT on 127.0.0.1 is taken by a program that does not accept odoo.conf's login: stop it, or point odoo.conf's db_* lines at your own server."
        say "a PostgreSQL server already answers on 127.0.0.1:$EMBEDDED_PG_PORT with odoo.conf's login (another checkout's cluster?): using it"
        return 0
    fi
    data="$home/data" run="$home/run" log="$home/postgresql.log"
    [ "$(id -u)" = 0 ] && chown postgres: "$home"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "creating the embedded PostgreSQL cluster in $home"
        rm -rf "$data.new"
        pwfile=$(mktemp)
        conf_get db_password >"$pwfile"
        chmod 644 "$pwfile"
        as_pg "$bin/initdb" -D "$data.new" -U "$(conf_get db_user)" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$home/initdb.log" 2>&1
        local rc=$?
        rm -f "$pwfile"
        [ $rc = 0 ] || { rm -rf "$data.new"; die "initdb failed (see $home/initdb.log): is PostgreSQL 15 installed and $home writable?"; }
        as_pg mv "$data.new" "$data"
    fi
    mkdir -p "$run"
    [ "$(id -u)" = 0 ] && chown postgres: "$run"
    as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && return 0
    say "starting the embedded PostgreSQL on 127.0.0.1:$EMBEDDED_PG_PORT"
    as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $EMBEDDED_PG_PORT -k $run" start >/dev/null \
        || die "PostgreSQL could not start: read $log ($(tail -n 1 "$log" 2>/dev/null))"
}

# psql_in DB SQL: runs SQL on DB with odoo.conf's connection, prints the rows unaligned.
psql_in() {
    PGPASSWORD=$(conf_get db_password) psql -X -At -h "$(conf_get db_host)" -p "$(conf_get db_port)" \
        -U "$(conf_get db_user)" -d "$1" -c "$2"
}

psql_q() { psql_in postgres "$1"; }

db_exists() { [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

drop_db() { psql_q "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null; }

# template_prefix: the prefix of bin/test's cached template databases, "ct" and 6 hex digits of a
# hash of the installed packages and Odoo's version (click-odoo-initdb hashes the addons' files).
template_prefix() {
    { "$ODOO_PY" -m pip freeze --all 2>/dev/null; "$ODOO_PY" -c 'import odoo.release as r; print(r.version)'; } \
        | sha1sum | cut -c1-6 | sed 's/^/ct/'
}

# drop_stale_templates PREFIX: drop the cached templates of other packages or Odoo versions.
drop_stale_templates() {
    local template
    for template in $(psql_q "SELECT datname FROM pg_database WHERE datname ~ '^ct[0-9a-f]{6}-[0-9]{12}-[0-9a-f]{40}$' AND datname NOT LIKE '$1-%'"); do
        drop_db "$template"
    done
}

odoo_run() { # odoo_run COMMAND ARGS...: an Odoo command (server, shell...) with odoo.conf
    local command=$1
    shift
    (cd "$ROOT" && "$ODOO_PY" -m odoo "$command" -c "$CONF" "$@")
}
