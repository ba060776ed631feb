#!/bin/sh
# msaspec Postfix target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the SASL
# user and its password go into a Cyrus sasldb; the configuration's
# /etc/postfix/configurations/<configuration>.cf overrides main.cf, and its
# <configuration>.master.cf, if any, replaces master.cf; with a relay every accepted
# message is relayed to the run's sink, without one everything accepted is
# discarded.
# Postfix logs "daemon started" (postfix/master) once it listens.
set -eu
. /usr/local/lib/msaspec/run-files.sh

TLS_DIR=/etc/postfix/tls
read_user
# Must equal smtpd_sasl_local_domain in main.cf: Postfix passes it to Cyrus
# as the user realm, so a client that authenticates as plain "alice" is
# looked up as alice@<realm> in /etc/sasldb2.
SASL_REALM=$(postconf -xh smtpd_sasl_local_domain)

require_tls_files
# The password file is deleted below; on a restart of the same container the
# sasldb created by the first start is kept.
require_password -f "$IN/.sasldb-created"

# --- TLS material -----------------------------------------------------------
install -d -o root -g root -m 0755 "$TLS_DIR"
install -o root -g root -m 0644 "$IN/tls/cert.pem" "$TLS_DIR/cert.pem"
install -o root -g root -m 0644 "$IN/tls/ca.pem" "$TLS_DIR/ca.pem"
install -o root -g root -m 0600 "$IN/tls/key.pem" "$TLS_DIR/key.pem"
chmod 0600 "$IN/tls/key.pem" 2>/dev/null || true

# --- SASL user ----------------------------------------------------------------
if [ -s "$IN/password" ]; then
# saslpasswd2 -p reads the password from stdin without a prompt, up to the
# first newline.
read_password
rm -f /etc/sasldb2
printf '%s' "$password" | saslpasswd2 -p -c -f /etc/sasldb2 -u "$SASL_REALM" -- "$user"
unset password
forget_password
chown root:sasl /etc/sasldb2
chmod 0640 /etc/sasldb2
: > "$IN/.sasldb-created"
fi
sasldblistusers2 -f /etc/sasldb2 | sed 's/^/msaspec: sasldb: /'

# --- Configuration ------------------------------------------------------------------
# /run/msaspec/configuration names the configuration configuration: <configuration>.master.cf, if
# any, replaces master.cf, and the settings of <configuration>.cf override main.cf,
# all in one postconf call (master.cf refers to parameters the configuration defines).
read_configuration /etc/postfix/configurations/ .cf
if [ -f "/etc/postfix/configurations/$configuration.master.cf" ]; then
    install -m 0644 "/etc/postfix/configurations/$configuration.master.cf" /etc/postfix/master.cf
fi
set --
while IFS= read -r setting; do
    if [ -n "$setting" ]; then set -- "$@" "$setting"; fi
done <<EOF
$(grep -Ev '^[[:space:]]*(#|$)' "/etc/postfix/configurations/$configuration.cf" || true)
EOF
[ $# -eq 0 ] || postconf -e "$@"
echo "msaspec: configuration: $configuration"

# --- Relay or discard ---------------------------------------------------------
# A bracketed literal address: no DNS (the container has none to ask).
read_relay --ipv6
if [ -n "$relay" ]; then
    postconf -e "relayhost = $relay" "default_transport = smtp"
    echo "msaspec: relay: every accepted message goes to $relay"
else
    postconf -e "relayhost =" "default_transport = discard"
    echo "msaspec: relay: none, every accepted message is discarded"
fi

# --- Postfix ------------------------------------------------------------------
postfix check
exec postfix start-fg
