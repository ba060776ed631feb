#!/bin/sh
# msaspec Exim target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/cert.pem  server certificate (SAN mail.example.test)
#   /run/msaspec/tls/key.pem   its private key
#   /run/msaspec/tls/ca.pem    the issuing CA
#   /run/msaspec/password      password of user "alice" (one line; a trailing
#                              newline may or may not be present)
# and, optionally:
#   /run/msaspec/user          the SASL user (default "alice")
#   /run/msaspec/profile       "hardened" (default) or "stock": which
#                              /etc/msaspec/profiles/<profile>.conf becomes
#                              /etc/exim4/exim4.conf.localmacros
#   /run/msaspec/relay         "[<address>]:<port>" of the harness's message
#                              sink: every message for a remote domain goes
#                              there (Debian's smarthost configuration type).
#                              Without it, accepted messages stay queued.
# Exim logs "daemon started" (mainlog, copied to stdout) once it listens.
set -eu

IN=/run/msaspec
# /run/msaspec/user (optional, one line) names the SASL user; default "alice".
SASL_USER=$(head -n 1 /run/msaspec/user 2>/dev/null | tr -d '\r\n' || true)
[ -n "$SASL_USER" ] || SASL_USER=alice

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }
printf '%s\n' "$SASL_USER" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in /run/msaspec/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
if [ ! -s "$IN/password" ] && [ ! -s /etc/exim4/passwd ]; then
    die "missing or empty $IN/password"
fi

# --- TLS material (README.Debian 2.2.2: /etc/exim4/exim.crt and exim.key, root:Debian-exim 0640)
install -o root -g Debian-exim -m 0640 "$IN/tls/cert.pem" /etc/exim4/exim.crt
install -o root -g Debian-exim -m 0640 "$IN/tls/key.pem" /etc/exim4/exim.key
chmod 0600 "$IN/tls/key.pem" 2>/dev/null || true

# --- AUTH user: CONFDIR/passwd, "user:crypt(password)" (exim4_passwd(5)) ------
if [ -s "$IN/password" ]; then
    # Strip one trailing newline (and a CR, if any); the password is otherwise taken byte for byte.
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%"
"}
    password=${password%"$(printf '\r')"}
    [ -n "$password" ] || die "empty password"
    hash=$(MSASPEC_PW="$password" perl -e '
        my @c = ("a".."z", "A".."Z", 0..9, ".", "/");
        open(my $r, "<", "/dev/urandom") or die; read($r, my $b, 16); close($r);
        my $salt = join "", map { $c[ord($_) % 64] } split //, $b;
        print crypt($ENV{MSASPEC_PW}, "\$6\$$salt\$");')
    unset password
    case "$hash" in '$6$'*) ;; *) die "crypt() failed" ;; esac
    printf '%s:%s\n' "$SASL_USER" "$hash" > /etc/exim4/passwd
    chown root:Debian-exim /etc/exim4/passwd
    chmod 0640 /etc/exim4/passwd
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
fi
echo "msaspec: passwd: $(cut -d: -f1 /etc/exim4/passwd)"

# --- Profile ------------------------------------------------------------------
profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "/etc/msaspec/profiles/$profile.conf" ] || die "unknown profile '$profile'"
install -m 0644 "/etc/msaspec/profiles/$profile.conf" /etc/exim4/exim4.conf.localmacros
echo "msaspec: profile: $profile"

# --- Relay or keep ------------------------------------------------------------
# A literal address, Exim's host list syntax (port after "::", IPv6 colons doubled): no DNS.
queue=-q30m
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[(ipv6:[0-9A-Fa-f:.]+|[0-9.]+)\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [address]:port, got '$relay'"
    address=${relay%]:*}; address=${address#[}; address=${address#ipv6:}
    port=${relay##*]:}
    smarthost="$(printf '%s' "$address" | sed 's/:/::/g')::$port"
    configtype=smarthost
    echo "msaspec: relay: every accepted message goes to $relay"
else
    smarthost=
    configtype=internet
    # -odq: queue what is accepted and never run the queue; nothing leaves the container.
    queue=-odq
    echo "msaspec: relay: none, accepted messages stay in the queue"
fi
sed -e "s/@CONFIGTYPE@/$configtype/" -e "s/@SMARTHOST@/$smarthost/" \
    /etc/msaspec/update-exim4.conf.conf > /etc/exim4/update-exim4.conf.conf

# --- Exim ---------------------------------------------------------------------
update-exim4.conf
exim4 -bV > /dev/null || die "exim4 -bV: the configuration does not load"
install -d -o Debian-exim -g adm -m 2750 /var/log/exim4
install -d -o Debian-exim -g Debian-exim -m 0755 /run/exim4
# Fresh logs, followed from their first line: tail may open them after Exim's first write.
: > /var/log/exim4/mainlog
: > /var/log/exim4/paniclog
chown Debian-exim:adm /var/log/exim4/mainlog /var/log/exim4/paniclog
tail -q -n +1 -F /var/log/exim4/mainlog /var/log/exim4/paniclog 2>/dev/null &
# README.Debian 2.2.2: listen on 465 with tls_on_connect_ports, and on 587 (and 25, as shipped).
exec exim4 -bdf $queue -oX 25:465:587 -oP /run/exim4/exim.pid
