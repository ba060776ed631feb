#!/bin/sh
# msaspec OpenSMTPD target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the user
# and its password go into a credentials table; the configuration's
# /etc/smtpd/configurations/<configuration>.conf becomes /etc/smtpd.conf; with a relay
# every accepted message is relayed to the run's sink, without one everything
# accepted is discarded.
# smtpd runs in the foreground (-d) and logs to stdout; it logs
# "smtpd: ready" (msaspec's own line, after the configuration checked out
# and smtpd logged that it started) once it listens.
set -eu
. /usr/local/lib/msaspec/run-files.sh

TLS_DIR=/etc/smtpd/tls
CREDENTIALS=/etc/smtpd/credentials
RELAY_ACTION=/etc/smtpd/relay-action.conf
read_user
require_tls_files
# The password file is deleted below; a restart of the same container keeps
# the credentials table the first start wrote.
require_password -s "$CREDENTIALS"

# --- No DNS -------------------------------------------------------------------
# The container has no DNS server: smtpd's look-ups of the client's name fail at
# once against loopback instead of waiting on whatever resolver Docker copied in.
echo 'nameserver 127.0.0.1' > /etc/resolv.conf

# --- TLS material -----------------------------------------------------------
# smtpd refuses a key that others can read.
install -d -o root -g root -m 0755 "$TLS_DIR"
install -o root -g root -m 0644 "$IN/tls/cert.pem" "$TLS_DIR/cert.pem"
install -o root -g root -m 0600 "$IN/tls/key.pem" "$TLS_DIR/key.pem"

# --- Credentials table --------------------------------------------------------
# table(5): "user encrypted-password", any crypt(3) hash. Not smtpctl encrypt's
# yescrypt: smtpd's lookup process checks every AUTH synchronously, and at
# ~0.1 s of CPU per check a loaded test machine stalls greetings and AUTH
# replies for seconds; SHA-512-crypt costs a few ms. The password goes in on
# stdin so that it never shows in a process list.
if [ -s "$IN/password" ]; then
    read_password
    hash=$(printf '%s\n' "$password" | openssl passwd -6 -stdin)
    unset password
    case "$hash" in
        '$6$'*) ;;
        *) die "openssl passwd gave no SHA-512-crypt hash" ;;
    esac
    umask 027
    printf '%s %s\n' "$user" "$hash" > "$CREDENTIALS"
    umask 022
    unset hash
    chown root:opensmtpd "$CREDENTIALS"
    chmod 0640 "$CREDENTIALS"
    forget_password
fi
echo "msaspec: credentials: $(cut -d' ' -f1 "$CREDENTIALS")"

# --- Relay or discard ---------------------------------------------------------
# A literal address: no DNS (the container has none to ask).
read_relay
if [ -n "$relay" ]; then
    echo "action \"relay\" relay host smtp://$relay_host:$relay_port" > "$RELAY_ACTION"
    echo "msaspec: relay: every accepted message goes to $relay_host:$relay_port"
else
    # Every recipient is mapped to the unprivileged user nobody, whose delivery reads and drops the message.
    printf '%s\n' 'table discard { "@" = "nobody" }' \
        'action "relay" mda "cat > /dev/null" virtual <discard> user nobody' > "$RELAY_ACTION"
    echo "msaspec: relay: none, every accepted message is discarded"
fi

# --- Configuration ------------------------------------------------------------------
read_configuration /etc/smtpd/configurations/ .conf
cp "/etc/smtpd/configurations/$configuration.conf" /etc/smtpd.conf
echo "msaspec: configuration: $configuration"

# --- OpenSMTPD ----------------------------------------------------------------
smtpd -n -f /etc/smtpd.conf
exec smtpd -dv -f /etc/smtpd.conf
