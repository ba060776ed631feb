#!/bin/sh
# msaspec Dovecot submission target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the user's password is hashed
# into /etc/dovecot/users; with a relay every transaction is proxied to the run's sink (Dovecot has
# no queue), without one to Postfix's smtp-sink on 127.0.0.1:2525 in this container, which accepts
# and drops every message.
# Dovecot logs "starting up for submission" once its listeners are bound.
set -eu
. /usr/local/lib/msaspec/run-files.sh

CONF=/etc/dovecot/msaspec
USERS=/etc/dovecot/users
SINK_PORT=2525
read_user
require_tls_files
# The password file is deleted below; a restarted container keeps the users file of its first start.
require_password -s "$USERS"

# --- No DNS: nothing leaves this machine, and no lookup can stall a reply (a reverse lookup of the
# client through Docker's resolver, the host's, can take seconds). Queries to loopback fail at once.
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- TLS material -------------------------------------------------------------
install -d -m 0755 /etc/dovecot/tls
install -m 0644 "$IN/tls/cert.pem" /etc/dovecot/tls/cert.pem
install -m 0600 "$IN/tls/key.pem" /etc/dovecot/tls/key.pem

# --- The user -------------------------------------------------------------------
if [ -s "$IN/password" ]; then
    # doveadm pw reads it twice.
    read_password
    hash=$(printf '%s\n%s\n' "$password" "$password" | doveadm pw -s SHA512-CRYPT)
    unset password
    case $hash in '{SHA512-CRYPT}$6$'*) ;; *) die "doveadm pw failed" ;; esac
    # Lower case: auth_username_format (default %Lu) lowercases the name a client sends before the
    # passwd-file lookup, so Dovecot's user names are case-insensitive.
    printf '%s:%s:5000:5000::/nonexistent::\n' "$(printf '%s' "$user" | tr '[:upper:]' '[:lower:]')" "$hash" > "$USERS"
    chown root:dovecot "$USERS"
    chmod 0640 "$USERS"
    forget_password
fi
echo "msaspec: users: $(cut -d: -f1 "$USERS")"

# --- Configuration and relay ------------------------------------------------------------
read_configuration "$CONF/configurations/" .conf

read_relay
if [ -n "$relay" ]; then
    echo "msaspec: relay: every transaction is proxied to $relay"
else
    # No queue to discard from: a sink in this container takes every transaction and drops the
    # message (smtp-sink(1); -u: it drops root once it listens; its warnings go to stderr).
    relay_host=127.0.0.1 relay_port=$SINK_PORT
    smtp-sink -u nobody -h sink.localhost "127.0.0.1:$SINK_PORT" 64 &
    # Listening (state 0A in /proc/net/tcp, address and port in hex) before Dovecot takes its first client.
    local_address=$(printf '0100007F:%04X' "$SINK_PORT")
    i=0
    until awk -v a="$local_address" '$4 == "0A" && $2 == a { found = 1 } END { exit !found }' /proc/net/tcp; do
        i=$((i + 1)); [ "$i" -le 50 ] || die "smtp-sink does not listen on 127.0.0.1:$SINK_PORT"
        sleep 0.1
    done
    echo "msaspec: relay: none, every transaction is proxied to smtp-sink on 127.0.0.1:$SINK_PORT, which drops the message"
fi

cat > /etc/dovecot/local.conf <<CONF
# Written by msaspec-entrypoint: read last by dovecot.conf.
!include $CONF/msaspec.conf
# The run's sink or the container's own: plain SMTP to a literal address, no DNS, no XCLIENT.
submission_relay_host = $relay_host
submission_relay_port = $relay_port
submission_relay_ssl = no
submission_relay_trusted = no
!include $CONF/configurations/$configuration.conf
CONF
echo "msaspec: configuration: $configuration"

doveconf -n >/dev/null
exec dovecot -F
