#!/bin/sh
# msaspec OpenSMTPD target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/cert.pem  server certificate (SAN mail.example.test)
#   /run/msaspec/tls/key.pem   its private key
#   /run/msaspec/tls/ca.pem    the issuing CA
#   /run/msaspec/password      password of the AUTH user (one line; a trailing
#                              newline may or may not be present)
#   /run/msaspec/profile       "stock" or "hardened" (default): which
#                              /etc/smtpd/profiles/<profile>.conf becomes
#                              /etc/smtpd.conf
# and, optionally:
#   /run/msaspec/user          the AUTH user (default "alice")
#   /run/msaspec/relay         "[<address>]:<port>" of the harness's message
#                              sink: every accepted message is relayed there.
#                              Without it everything accepted is discarded.
# smtpd runs in the foreground (-d) and logs to stdout; it logs
# "smtpd: ready" (msaspec's own line, after the configuration checked out
# and smtpd logged that it started) once it listens.
set -eu

IN=/run/msaspec
TLS_DIR=/etc/smtpd/tls
CREDENTIALS=/etc/smtpd/credentials
RELAY_ACTION=/etc/smtpd/relay-action.conf
# /run/msaspec/user (optional, one line) names the AUTH user; default "alice".
USER_NAME=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$USER_NAME" ] || USER_NAME=alice

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }
printf '%s\n' "$USER_NAME" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in $IN/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; a restart of the same container keeps
# the credentials table the first start wrote.
if [ ! -s "$IN/password" ] && [ ! -s "$CREDENTIALS" ]; then
    die "missing or empty $IN/password"
fi

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
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%"
"}
    password=${password%"$(printf '\r')"}
    [ -n "$password" ] || die "empty password"
    hash=$(printf '%s\n' "$password" | openssl passwd -6 -stdin)
    unset password
    case "$hash" in
        '$6$'*) ;;
        *) die "openssl passwd gave no SHA-512-crypt hash" ;;
    esac
    umask 027
    printf '%s %s\n' "$USER_NAME" "$hash" > "$CREDENTIALS"
    umask 022
    unset hash
    chown root:opensmtpd "$CREDENTIALS"
    chmod 0640 "$CREDENTIALS"
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
fi
echo "msaspec: credentials: $(cut -d' ' -f1 "$CREDENTIALS")"

# --- Relay or discard ---------------------------------------------------------
# A literal address: no DNS (the container has none to ask).
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[[0-9.]+\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    address=${relay%%]*}; address=${address#[}
    port=${relay##*:}
    echo "action \"relay\" relay host smtp://$address:$port" > "$RELAY_ACTION"
    echo "msaspec: relay: every accepted message goes to $address:$port"
else
    # Every recipient is mapped to the unprivileged user nobody, whose delivery reads and drops the message.
    printf '%s\n' 'table discard { "@" = "nobody" }' \
        'action "relay" mda "cat > /dev/null" virtual <discard> user nobody' > "$RELAY_ACTION"
    echo "msaspec: relay: none, every accepted message is discarded"
fi

# --- Profile ------------------------------------------------------------------
profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "/etc/smtpd/profiles/$profile.conf" ] || die "unknown profile '$profile'"
cp "/etc/smtpd/profiles/$profile.conf" /etc/smtpd.conf
echo "msaspec: profile: $profile"

# --- OpenSMTPD ----------------------------------------------------------------
smtpd -n -f /etc/smtpd.conf
exec smtpd -dv -f /etc/smtpd.conf
