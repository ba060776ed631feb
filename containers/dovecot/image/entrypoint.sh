#!/bin/sh
# msaspec Dovecot submission target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/{cert,key,ca}.pem  server certificate (SAN mail.example.test), key, issuing CA
#   /run/msaspec/password               password of the AUTH user (one line, newline optional);
#                                       hashed into /etc/dovecot/users, then deleted
#   /run/msaspec/profile                "stock" or "hardened" (default)
# and, optionally:
#   /run/msaspec/user                   the AUTH user (default "alice")
#   /run/msaspec/relay                  "[<address>]:<port>" of the run's message sink: every
#                                       transaction is proxied there (Dovecot has no queue);
#                                       absent: to Postfix's smtp-sink on 127.0.0.1:2525 in
#                                       this container, which accepts and drops every message
# Dovecot logs "starting up for submission" once its listeners are bound.
set -eu

IN=/run/msaspec
CONF=/etc/dovecot/msaspec
USERS=/etc/dovecot/users
SINK_PORT=2525
# /run/msaspec/user (optional, one line) names the AUTH user; default "alice".
USER_NAME=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$USER_NAME" ] || USER_NAME=alice

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }
printf '%s\n' "$USER_NAME" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in $IN/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; a restarted container keeps the users file of its first start.
[ -s "$IN/password" ] || [ -s "$USERS" ] || die "missing or empty $IN/password"

# --- No DNS: nothing leaves this machine, and no lookup can stall a reply (a reverse lookup of the
# client through Docker's resolver, the host's, can take seconds). Queries to loopback fail at once.
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- TLS material -------------------------------------------------------------
install -d -m 0755 /etc/dovecot/tls
install -m 0644 "$IN/tls/cert.pem" /etc/dovecot/tls/cert.pem
install -m 0600 "$IN/tls/key.pem" /etc/dovecot/tls/key.pem

# --- The user -------------------------------------------------------------------
if [ -s "$IN/password" ]; then
    # One trailing newline (and CR) stripped; otherwise byte for byte. doveadm pw reads it twice.
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%"
"}
    password=${password%"$(printf '\r')"}
    [ -n "$password" ] || die "empty password"
    hash=$(printf '%s\n%s\n' "$password" "$password" | doveadm pw -s SHA512-CRYPT)
    unset password
    case $hash in '{SHA512-CRYPT}$6$'*) ;; *) die "doveadm pw failed" ;; esac
    # Lower case: auth_username_format (default %Lu) lowercases the name a client sends before the
    # passwd-file lookup, so Dovecot's user names are case-insensitive.
    printf '%s:%s:5000:5000::/nonexistent::\n' "$(printf '%s' "$USER_NAME" | tr '[:upper:]' '[:lower:]')" "$hash" > "$USERS"
    chown root:dovecot "$USERS"
    chmod 0640 "$USERS"
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
fi
echo "msaspec: users: $(cut -d: -f1 "$USERS")"

# --- Profile and relay ------------------------------------------------------------
profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "$CONF/profiles/$profile.conf" ] || die "unknown profile '$profile'"

if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[[0-9.]+\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    relay_host=${relay#\[}; relay_host=${relay_host%%\]*}
    relay_port=${relay##*:}
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
!include $CONF/profiles/$profile.conf
CONF
echo "msaspec: profile: $profile"

doveconf -n >/dev/null
exec dovecot -F
