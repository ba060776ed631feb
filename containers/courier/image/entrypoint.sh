#!/bin/bash
# msaspec Courier target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/{cert,key,ca}.pem  server certificate (SAN mail.example.test), key, issuing CA
#   /run/msaspec/password               password of the AUTH user (one line, newline optional); set
#                                       with chpasswd (authpam checks it), then deleted
#   /run/msaspec/relay                  "[<address>]:<port>" of the run's message sink: every message
#                                       is routed there (esmtproutes smarthost); absent: messages stay
#                                       queued (Courier has no discard transport)
#   /run/msaspec/profile                "stock" or "hardened" (default)
#   /run/msaspec/user                   the AUTH user (optional, default "alice"): a system user made
#                                       at start
# Courier's daemons fork into the background and log through syslog: this script runs busybox
# syslogd (to stdout) in the foreground, starts them, prints "msaspec: courier listens" once 465 and
# 587 accept connections, and stops them on SIGTERM.
set -euo pipefail

IN=/run/msaspec
ETC=/etc/courier

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }

# /run/msaspec/user (optional, one line) names the AUTH user; default "alice".
user=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$user" ] || user=alice
[[ $user =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "bad user name in $IN/user"

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; a restarted container keeps the user's password of its first start.
[ -s "$IN/password" ] || [ -f "$IN/.password-set" ] || die "missing or empty $IN/password"

profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -f "$ETC/msaspec/$profile.conf" ] || die "unknown profile '$profile'"

# --- No DNS: nothing leaves this machine. Queries go to a stub on loopback that answers NXDOMAIN at
# once (no-dns.pl, started below): Courier's resolver would otherwise wait out its timeouts.
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- TLS: couriertls wants the key and the certificate in one file, not world-readable ---
cat "$IN/tls/key.pem" "$IN/tls/cert.pem" > "$ETC/esmtpd.pem"
chown root:courier "$ETC/esmtpd.pem"
chmod 0640 "$ETC/esmtpd.pem"

# --- The user: a system user, checked by authdaemond through PAM (service "esmtp") ---
# Made here, with a uid of its own (1000 to 59999): a name the image already has for a system account
# (root, courier, nobody...) is refused rather than given a password.
if ! uid=$(id -u -- "$user" 2>/dev/null); then
    # No home: authentication needs none, and "." or ".." would make one of /home. A leading "-"
    # cannot name a user here (glibc's files database skips such passwd lines as NIS exclusions).
    [[ $user != -* ]] || die "Courier's users are system accounts, whose names cannot start with '-'"
    useradd -M -d /nonexistent -s /usr/sbin/nologin -- "$user" || die "useradd refuses the user name '$user'"
    uid=$(id -u -- "$user")
fi
{ [ "$uid" -ge 1000 ] && [ "$uid" -lt 60000 ]; } || die "'$user' is a system account of the image; choose another user name"
if [ -s "$IN/password" ]; then
    password=$(cat "$IN/password"; printf x)
    password=${password%x}
    password=${password%$'\n'}
    password=${password%$'\r'}
    [ -n "$password" ] || die "empty password"
    case $password in *[:$'\n']*) die "the password has a character chpasswd cannot take" ;; esac
    printf '%s:%s\n' "$user" "$password" | chpasswd
    unset password
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
    : > "$IN/.password-set"
fi

# --- Relay: a smarthost for every domain, a literal address (no DNS) ---
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    [[ $relay =~ ^\[([0-9.]+)\]:([0-9]{1,5})$ ]] || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    printf ':[%s],%s\n' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" > "$ETC/esmtproutes"
    echo "msaspec: relay: every message goes to $relay"
else
    rm -f "$ETC/esmtproutes"
    echo "msaspec: relay: none, accepted messages stay in the queue"
fi

# --- Profile: its settings override esmtpd's, for both services ---
for service in esmtpd-msa esmtpd-ssl; do
    [ -f "$ETC/$service.dist" ] || cp -p "$ETC/$service" "$ETC/$service.dist"
    { cat "$ETC/$service.dist"; echo; cat "$ETC/msaspec/common.conf" "$ETC/msaspec/$profile.conf"; } > "$ETC/$service"
done
if [ -f "$ETC/msaspec/$profile.smtpaccess" ]; then
    cp "$ETC/msaspec/$profile.smtpaccess" "$ETC/smtpaccess/default"
    makesmtpaccess >/dev/null
fi
echo "msaspec: profile: $profile"

# --- Daemons ---
install -d -o root -g courier -m 0775 /run/courier
install -d -o courier -g courier -m 0750 /run/courier/authdaemon
rm -f /dev/log
busybox syslogd -n -O - &
syslogd=$!
/usr/local/lib/msaspec/no-dns &
nodns=$!
for _ in $(seq 50); do [ -S /dev/log ] && break; sleep 0.1; done

stop() {
    trap - TERM INT
    esmtpd-ssl stop || true
    esmtpd-msa stop || true
    courierfilter stop || true
    courier stop || true
    authdaemond stop || true
    kill "$nodns" "$syslogd" 2>/dev/null || true
    exit 0
}
trap stop TERM INT

authdaemond start
courierfilter start
courier start
esmtpd-msa start
esmtpd-ssl start

listening() { (: >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 100); do
    listening 587 && listening 465 && break
    sleep 0.1
done
listening 587 && listening 465 || die "esmtpd-msa (587) or esmtpd-ssl (465) does not listen"
echo "msaspec: courier listens on 465 and 587"

wait "$syslogd"
