#!/bin/sh
# msaspec Postfix target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/cert.pem  server certificate (SAN mail.example.test)
#   /run/msaspec/tls/key.pem   its private key
#   /run/msaspec/tls/ca.pem    the issuing CA
#   /run/msaspec/password      SASL password for user "alice" (one line; a
#                              trailing newline may or may not be present)
# and, optionally:
#   /run/msaspec/user          the SASL user (default "alice")
#   /run/msaspec/profile       "hardened" (default) or "stock": the settings of
#                              /etc/postfix/profiles/<profile>.cf override main.cf,
#                              and <profile>.master.cf, if any, replaces master.cf
#   /run/msaspec/relay         "[<address>]:<port>" of the harness's message
#                              sink (one line): every accepted message is
#                              relayed there. Without it everything accepted
#                              is discarded.
# Postfix logs "daemon started" (postfix/master) once it listens.
set -eu

IN=/run/msaspec
TLS_DIR=/etc/postfix/tls
# /run/msaspec/user (optional, one line) names the SASL user; default "alice".
SASL_USER=$(head -n 1 /run/msaspec/user 2>/dev/null | tr -d '\r\n' || true)
[ -n "$SASL_USER" ] || SASL_USER=alice
# Must equal smtpd_sasl_local_domain in main.cf: Postfix passes it to Cyrus
# as the user realm, so a client that authenticates as plain "alice" is
# looked up as alice@<realm> in /etc/sasldb2.
SASL_REALM=$(postconf -xh smtpd_sasl_local_domain)

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }
printf '%s\n' "$SASL_USER" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in /run/msaspec/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; on a restart of the same container the
# sasldb created by the first start is kept.
if [ ! -s "$IN/password" ] && [ ! -f "$IN/.sasldb-created" ]; then
    die "missing or empty $IN/password"
fi

# --- TLS material -----------------------------------------------------------
install -d -o root -g root -m 0755 "$TLS_DIR"
install -o root -g root -m 0644 "$IN/tls/cert.pem" "$TLS_DIR/cert.pem"
install -o root -g root -m 0644 "$IN/tls/ca.pem" "$TLS_DIR/ca.pem"
install -o root -g root -m 0600 "$IN/tls/key.pem" "$TLS_DIR/key.pem"
chmod 0600 "$IN/tls/key.pem" 2>/dev/null || true

# --- SASL user ----------------------------------------------------------------
if [ -s "$IN/password" ]; then
# Strip one trailing newline (and a CR, if any); the password is otherwise
# taken byte for byte. saslpasswd2 -p reads the password from stdin without
# a prompt, up to the first newline.
password=$(cat "$IN/password"; printf x)
password=${password%x}
password=${password%"
"}
password=${password%"$(printf '\r')"}
[ -n "$password" ] || die "empty password"
rm -f /etc/sasldb2
printf '%s' "$password" | saslpasswd2 -p -c -f /etc/sasldb2 -u "$SASL_REALM" -- "$SASL_USER"
unset password
rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
chown root:sasl /etc/sasldb2
chmod 0640 /etc/sasldb2
: > "$IN/.sasldb-created"
fi
sasldblistusers2 -f /etc/sasldb2 | sed 's/^/msaspec: sasldb: /'

# --- Profile ------------------------------------------------------------------
# /run/msaspec/profile names the configuration profile: <profile>.master.cf, if
# any, replaces master.cf, and the settings of <profile>.cf override main.cf,
# all in one postconf call (master.cf refers to parameters the profile defines).
profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "/etc/postfix/profiles/$profile.cf" ] || die "unknown profile '$profile'"
if [ -f "/etc/postfix/profiles/$profile.master.cf" ]; then
    install -m 0644 "/etc/postfix/profiles/$profile.master.cf" /etc/postfix/master.cf
fi
set --
while IFS= read -r setting; do
    if [ -n "$setting" ]; then set -- "$@" "$setting"; fi
done <<EOF
$(grep -Ev '^[[:space:]]*(#|$)' "/etc/postfix/profiles/$profile.cf" || true)
EOF
[ $# -eq 0 ] || postconf -e "$@"
echo "msaspec: profile: $profile"

# --- Relay or discard ---------------------------------------------------------
# A bracketed literal address: no DNS (the container has none to ask).
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[(ipv6:[0-9A-Fa-f:.]+|[0-9.]+)\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [address]:port, got '$relay'"
    postconf -e "relayhost = $relay" "default_transport = smtp"
    echo "msaspec: relay: every accepted message goes to $relay"
else
    postconf -e "relayhost =" "default_transport = discard"
    echo "msaspec: relay: none, every accepted message is discarded"
fi

# --- Postfix ------------------------------------------------------------------
postfix check
exec postfix start-fg
