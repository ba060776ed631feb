# msaspec run files: what every image's entrypoint reads from /run/msaspec/, sourced (POSIX sh, also
# bash) with `. /usr/local/lib/msaspec/run-files.sh`. The image builder (targets/images/
# image-builder.ts) adds this file to every build context and to the image's content hash, so each
# Dockerfile can `COPY run-files.sh /usr/local/lib/msaspec/run-files.sh`.
#
# The harness copies these files into the container before it starts (RUN_FILES in
# targets/container-target.ts); nothing of them is baked into an image:
#   /run/msaspec/tls/cert.pem  server certificate (SAN mail.example.test)
#   /run/msaspec/tls/key.pem   its private key
#   /run/msaspec/tls/ca.pem    the issuing CA
#   /run/msaspec/password      the user's password (one line; a trailing newline may or may not be
#                              there); the entrypoint deletes it once the MTA holds the user
#   /run/msaspec/configuration       "stock" or "hardened" (default)
# and, optionally:
#   /run/msaspec/user          the user (default "alice")
#   /run/msaspec/relay         "[<address>]:<port>" of the run's message sink
#
# Each read_* function sets the variables it names; each check ends the entrypoint with a one-line
# error. They are called as plain commands, never in $(...), so that die ends the entrypoint itself.

# MSASPEC_RUN_DIR stands for /run/msaspec in the project's own test of this file
# (test/containers/run-files.test.ts); the harness never sets it.
IN=${MSASPEC_RUN_DIR:-/run/msaspec}

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }

# run_file_line NAME: the first line of /run/msaspec/NAME without CR and LF; nothing when it is absent.
run_file_line() { head -n 1 "$IN/$1" 2>/dev/null | tr -d '\r\n' || true; }

# read_user [DEFAULT [ERE [HINT]]]: $user, from /run/msaspec/user, else DEFAULT ("alice"); it must
# match ERE as a whole (default: 1 to 64 letters, digits, ".", "_" and "-", what
# SubmissionContainer.withUser takes), else the error says HINT.
read_user() {
    user=$(run_file_line user)
    [ -n "$user" ] || user=${1:-alice}
    user_pattern=${2:-}
    [ -n "$user_pattern" ] || user_pattern='[A-Za-z0-9._-]{1,64}'
    printf '%s\n' "$user" | grep -Eqx "$user_pattern" || die "bad user name in $IN/user${3:+: $3}"
}

# require_tls_files [NAME...]: each of /run/msaspec/tls/NAME.pem there and not empty (default: cert key ca).
require_tls_files() {
    [ $# -gt 0 ] || set -- cert key ca
    for tls_file in "$@"; do
        [ -s "$IN/tls/$tls_file.pem" ] || die "missing or empty $IN/tls/$tls_file.pem"
    done
}

# require_password TEST...: /run/msaspec/password there and not empty, unless `test TEST...` holds: what
# the first start of this container made of it (a restart finds the password file deleted).
require_password() {
    [ -s "$IN/password" ] || test "$@" || die "missing or empty $IN/password"
}

# read_password: $password, the content of /run/msaspec/password byte for byte, but for one trailing
# newline (and a CR before it); never empty.
read_password() {
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%"
"}
    password=${password%"$(printf '\r')"}
    [ -n "$password" ] || die "empty password"
}

# forget_password: deletes /run/msaspec/password, once the MTA holds the user.
forget_password() {
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
}

# keep_credentials DIR: a server that reads its user and password from files (the test hosts) gets
# DIR/user and DIR/password, readable by root only; the first start copies them from the run files and
# deletes the password file, a restart finds them there. Logs the user.
keep_credentials() {
    install -d -m 0700 "$1"
    if [ -s "$IN/password" ]; then
        install -m 0600 "$IN/password" "$1/password"
        printf '%s\n' "$user" > "$1/user"
        forget_password
    fi
    [ -s "$1/password" ] || die "missing or empty $IN/password"
    echo "msaspec: user: $(cat "$1/user")"
}

# read_configuration PREFIX [SUFFIX]: $configuration, from /run/msaspec/configuration, else "hardened"; PREFIX$configuration$SUFFIX
# (the configuration's file or folder in the image) must exist.
read_configuration() {
    configuration=$(run_file_line configuration)
    [ -n "$configuration" ] || configuration=hardened
    [ -e "$1$configuration${2:-}" ] || die "unknown configuration '$configuration'"
}

# read_relay [--ipv6]: $relay ("[address]:port"), $relay_host (the address alone) and $relay_port from
# /run/msaspec/relay, a literal IPv4 address (with --ipv6 also "[ipv6:address]:port", as the harness
# writes an IPv6 sink); all three empty when there is no relay. A literal address: no DNS.
read_relay() {
    relay= relay_host= relay_port=
    [ -s "$IN/relay" ] || return 0
    relay=$(run_file_line relay)
    if [ "${1:-}" = --ipv6 ]; then
        printf '%s\n' "$relay" | grep -Eqx '\[(ipv6:[0-9A-Fa-f:.]+|[0-9.]+)\]:[0-9]{1,5}' \
            || die "bad $IN/relay: expected [address]:port, got '$relay'"
    else
        printf '%s\n' "$relay" | grep -Eqx '\[[0-9.]+\]:[0-9]{1,5}' \
            || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    fi
    relay_host=${relay%]:*}; relay_host=${relay_host#[}; relay_host=${relay_host#ipv6:}
    relay_port=${relay##*]:}
}
