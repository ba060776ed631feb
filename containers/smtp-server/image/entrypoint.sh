#!/bin/sh
# msaspec smtp-server test host entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/{cert,key,ca}.pem  server certificate (SAN mail.example.test), key, issuing CA
#   /run/msaspec/password               the user's password (one line)
#   /run/msaspec/user                   the user (default alice@smtp-server.test)
# The password file is deleted at the first start; a copy readable by root only is kept for a restart.
# server.mjs prints "msaspec: listening on 587 and 465" once both servers listen.
set -eu

IN=/run/msaspec
KEEP=/var/lib/msaspec

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }

user=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$user" ] || user=alice@smtp-server.test
printf '%s\n' "$user" | grep -Eqx '[A-Za-z0-9._@-]{1,128}' || die "bad user in $IN/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
install -d -m 0700 "$KEEP"
if [ -s "$IN/password" ]; then
    install -m 0600 "$IN/password" "$KEEP/password"
    printf '%s\n' "$user" > "$KEEP/user"
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
fi
[ -s "$KEEP/password" ] || die "missing or empty $IN/password"
echo "msaspec: user: $(cat "$KEEP/user")"

cd /opt/smtp-server
exec node server.mjs "$KEEP/user" "$KEEP/password" "$IN/tls/cert.pem" "$IN/tls/key.pem"
