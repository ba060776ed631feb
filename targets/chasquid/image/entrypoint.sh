#!/bin/sh
# msaspec chasquid test host entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the certificate and its key, the
# password (deleted once the user exists) and the user, an address (default alice@chasquid.test):
# chasquid's users are user@domain, and its domain becomes a local domain.
# chasquid logs "Server listening on :465" once the last listener is up.
set -eu
. /usr/local/lib/msaspec/run-files.sh

CONF=/etc/chasquid

read_user alice@chasquid.test '[A-Za-z0-9._-]{1,64}@[a-z0-9]([a-z0-9.-]{0,62}[a-z0-9])?' 'expected local@domain'
domain=${user#*@}

require_tls_files cert key

# --- No DNS: nothing leaves this machine (queued mail to other domains stays queued). ---
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- Certificate: certs/<name>/{fullchain,privkey}.pem, letsencrypt's layout as chasquid reads it ---
install -d -m 0755 "$CONF/certs/mail.example.test"
install -m 0644 "$IN/tls/cert.pem" "$CONF/certs/mail.example.test/fullchain.pem"
install -m 0600 "$IN/tls/key.pem" "$CONF/certs/mail.example.test/privkey.pem"

# --- The user, with chasquid-util as its documentation shows; a restart keeps the first one ---
if [ -s "$IN/password" ]; then
    install -d -m 0755 "$CONF/domains/$domain"
    password=$(head -n 1 "$IN/password" | tr -d '\r\n')
    chasquid-util --configdir="$CONF" user-add "$user" "--password=$password" >/dev/null || die "cannot add the user"
    forget_password
fi
[ -s "$CONF/domains/$domain/users" ] || die "missing or empty $IN/password"
echo "msaspec: user: $user"

# As root: Debian's unit runs it as chasquid with ports from systemd sockets, which a container lacks.
exec chasquid -config_dir "$CONF"
