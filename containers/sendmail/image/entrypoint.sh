#!/bin/sh
# msaspec sendmail target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/cert.pem  server certificate (SAN mail.example.test)
#   /run/msaspec/tls/key.pem   its private key
#   /run/msaspec/tls/ca.pem    the issuing CA
#   /run/msaspec/password      SASL password of the AUTH user (one line; a
#                              trailing newline may or may not be present)
#   /run/msaspec/profile       "stock" or "hardened" (default): sendmail.cf is
#                              built from /etc/mail/profiles/<profile>.mc
# and, optionally:
#   /run/msaspec/user          the SASL user (default "alice")
#   /run/msaspec/relay         "[<address>]:<port>" of the harness's message
#                              sink: every accepted message is relayed there.
#                              Without it everything accepted is discarded.
# sendmail logs through syslog only: busybox syslogd writes the log to stdout.
# Once sendmail listens on 465 and 587 this script logs
# "msaspec: sendmail listens on 465 and 587".
set -eu

IN=/run/msaspec
TLS_DIR=/etc/mail/tls
SASLDB=/etc/sasldb2
# /run/msaspec/user (optional, one line) names the SASL user; default "alice".
SASL_USER=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$SASL_USER" ] || SASL_USER=alice
# sendmail passes its AuthRealm, by default $j (confDOMAIN_NAME), to Cyrus SASL.
SASL_REALM=mail.example.test

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }
printf '%s\n' "$SASL_USER" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in $IN/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; a restart of the same container keeps
# the sasldb the first start wrote.
if [ ! -s "$IN/password" ] && [ ! -f "$IN/.sasldb-created" ]; then
    die "missing or empty $IN/password"
fi

# --- Names without DNS ----------------------------------------------------------
# The container has no DNS server (queries would wait for timeouts): sendmail
# finds its own fully qualified name in /etc/hosts, and any DNS query fails at
# once against loopback.
self=$(hostname)
address=$(awk -v h="$self" '$2 == h { print $1; exit }' /etc/hosts)
[ -n "$address" ] || address=127.0.1.1
{
    printf '%s\tmail.example.test %s\n' "$address" "$self"
    grep -v "[[:space:]]$self\$" /etc/hosts
} > /tmp/hosts
cat /tmp/hosts > /etc/hosts
rm -f /tmp/hosts
echo 'nameserver 127.0.0.1' > /etc/resolv.conf

# --- TLS material -------------------------------------------------------------
# The file names Debian's starttls.m4 (update_tls) uses; sendmail accepts a key
# readable by group smmsp (GroupReadableKeyFile), never by others.
for name in sendmail-server.crt sendmail-client.crt; do
    install -o root -g smmsp -m 0644 "$IN/tls/cert.pem" "$TLS_DIR/$name"
done
install -o root -g smmsp -m 0644 "$IN/tls/ca.pem" "$TLS_DIR/ca.crt"
install -o root -g smmsp -m 0640 "$IN/tls/key.pem" "$TLS_DIR/sendmail-common.key"

# --- SASL user ------------------------------------------------------------------
if [ -s "$IN/password" ]; then
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%"
"}
    password=${password%"$(printf '\r')"}
    [ -n "$password" ] || die "empty password"
    rm -f "$SASLDB"
    # saslpasswd2 -p reads the password from stdin, without a prompt.
    printf '%s' "$password" | saslpasswd2 -p -c -f "$SASLDB" -u "$SASL_REALM" -- "$SASL_USER"
    unset password
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
    chown root:root "$SASLDB"
    chmod 0600 "$SASLDB"
    : > "$IN/.sasldb-created"
fi
sasldblistusers2 -f "$SASLDB" | sed 's/^/msaspec: sasldb: /'

# --- Profile --------------------------------------------------------------------
profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "/etc/mail/profiles/$profile.mc" ] || die "unknown profile '$profile'"
cp "/etc/mail/profiles/$profile.mc" /etc/mail/sendmail.mc
cp "/etc/mail/profiles/$profile-sasl.conf" /etc/mail/sasl/Sendmail.conf.2
echo "msaspec: profile: $profile"

# --- Relay or discard -----------------------------------------------------------
# A bracketed literal address: no MX or address lookup.
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[[0-9.]+\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    host=${relay%:*}
    port=${relay##*:}
    cat > /etc/mail/m4/msaspec-relay.m4 <<M4
dnl # Written by the msaspec entrypoint: every message goes to the run's sink.
define(\`SMART_HOST', \`$host')dnl
define(\`MAIL_HUB', \`$host')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $port')dnl
M4
    echo "msaspec: relay: every accepted message goes to $relay"
else
    cat > /etc/mail/m4/msaspec-relay.m4 <<'M4'
dnl # Written by the msaspec entrypoint: no sink. Once a message's header is in,
dnl # check_eoh discards it (the transaction still ends with 250).
LOCAL_RULESETS
Scheck_eoh
R$*	$#discard $: discard
M4
    echo "msaspec: relay: none, every accepted message is discarded"
fi

# --- Access database --------------------------------------------------------------
# Debian's access file, plus: the harness connects from the Docker bridge gateway
# and opens a few hundred connections per run, so that address gets no greeting
# pause and no connection rate or concurrency limit. It gets no relay right.
gateway=$(awk '$2 == "00000000" { print $3; exit }' /proc/net/route)
[ -n "$gateway" ] || die "no default route"
harness=$(printf '%d.%d.%d.%d' "0x$(echo "$gateway" | cut -c7-8)" "0x$(echo "$gateway" | cut -c5-6)" \
    "0x$(echo "$gateway" | cut -c3-4)" "0x$(echo "$gateway" | cut -c1-2)")
{
    cat /etc/mail/access.debian
    echo "# msaspec: the harness's address (limits only, no relay right)"
    printf 'GreetPause:%s\t0\nClientRate:%s\t0\nClientConn:%s\t0\n' "$harness" "$harness" "$harness"
} > /etc/mail/access
makemap hash /etc/mail/access < /etc/mail/access
echo "msaspec: access: no greeting pause or connection limits for the harness at $harness"

# --- sendmail.cf ------------------------------------------------------------------
m4 /etc/mail/sendmail.mc > /etc/mail/sendmail.cf
install -d -o smmta -g smmsp -m 02755 /run/sendmail/mta

# --- syslog to stdout, then sendmail ------------------------------------------------
rm -f /dev/log
busybox syslogd -n -O - &
i=0
until [ -S /dev/log ]; do
    i=$((i + 1)); [ "$i" -le 50 ] || die "syslogd did not create /dev/log"
    sleep 0.1
done

# Ready once both submission ports are in LISTEN state (0A) in /proc/net/tcp
# (465 = 01D1, 587 = 024B).
(
    while ! awk '$4 == "0A" && $2 ~ /:01D1$/ { a = 1 } $4 == "0A" && $2 ~ /:024B$/ { b = 1 } END { exit !(a && b) }' /proc/net/tcp; do
        sleep 0.1
    done
    echo "msaspec: sendmail listens on 465 and 587"
) &

exec /usr/sbin/sendmail -bD -q1m
