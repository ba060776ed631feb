#!/bin/sh
# msaspec aiosmtpd test host entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/{cert,key,ca}.pem  server certificate (SAN mail.example.test), key, issuing CA
#   /run/msaspec/password               the user's password (one line, taken byte for byte)
#   /run/msaspec/user                   the user (default alice@aiosmtpd.test)
# The server reads them once as root and keeps them in memory; the password file is deleted at the
# first start, so the credentials are kept, readable by root only, for a restart.
# server.py prints "msaspec: listening on 587 and 465" once both controllers answer.
set -eu

IN=/run/msaspec
KEEP=/var/lib/msaspec

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }

user=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$user" ] || user=alice@aiosmtpd.test
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

exec python3 /usr/local/lib/msaspec/aiosmtpd-server.py "$KEEP/user" "$KEEP/password" "$IN/tls/cert.pem" "$IN/tls/key.pem"
