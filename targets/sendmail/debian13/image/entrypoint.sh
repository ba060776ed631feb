#!/bin/sh
# msaspec sendmail target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the SASL
# user and its password go into a Cyrus sasldb; sendmail.cf is built from the
# configuration's /etc/mail/configurations/<configuration>.mc; with a relay every accepted
# message is relayed to the run's sink, without one everything accepted is
# discarded.
# sendmail logs through syslog only: busybox syslogd writes the log to stdout.
# Once sendmail listens on 465 and 587 this script logs
# "msaspec: sendmail listens on 465 and 587".
set -eu
. /usr/local/lib/msaspec/run-files.sh

TLS_DIR=/etc/mail/tls
SASLDB=/etc/sasldb2
# sendmail passes its AuthRealm, by default $j (confDOMAIN_NAME), to Cyrus SASL.
SASL_REALM=mail.example.test

read_user
require_tls_files
# The password file is deleted below; a restart of the same container keeps
# the sasldb the first start wrote.
require_password -f "$IN/.sasldb-created"

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
    read_password
    rm -f "$SASLDB"
    # saslpasswd2 -p reads the password from stdin, without a prompt.
    printf '%s' "$password" | saslpasswd2 -p -c -f "$SASLDB" -u "$SASL_REALM" -- "$user"
    unset password
    forget_password
    chown root:root "$SASLDB"
    chmod 0600 "$SASLDB"
    : > "$IN/.sasldb-created"
fi
sasldblistusers2 -f "$SASLDB" | sed 's/^/msaspec: sasldb: /'

# --- Configuration --------------------------------------------------------------------
read_configuration /etc/mail/configurations/ .mc
cp "/etc/mail/configurations/$configuration.mc" /etc/mail/sendmail.mc
cp "/etc/mail/configurations/$configuration-sasl.conf" /etc/mail/sasl/Sendmail.conf.2
echo "msaspec: configuration: $configuration"

# --- Relay or discard -----------------------------------------------------------
# A bracketed literal address: no MX or address lookup.
read_relay
if [ -n "$relay" ]; then
    cat > /etc/mail/m4/msaspec-relay.m4 <<M4
dnl # Written by the msaspec entrypoint: every message goes to the run's sink.
define(\`SMART_HOST', \`[$relay_host]')dnl
define(\`MAIL_HUB', \`[$relay_host]')dnl
define(\`RELAY_MAILER_ARGS', \`TCP \$h $relay_port')dnl
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
