#!/bin/bash
# msaspec Courier target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the user is a system user made
# at start, its password set with chpasswd (authpam checks it); with a relay every message is routed
# to the run's sink (esmtproutes smarthost), without one messages stay queued (Courier has no discard
# transport).
# Courier's daemons fork into the background and log through syslog: this script runs busybox
# syslogd (to stdout) in the foreground, starts them, prints "msaspec: courier listens" once 465 and
# 587 accept connections, and stops them on SIGTERM.
set -euo pipefail
. /usr/local/lib/msaspec/run-files.sh

ETC=/etc/courier

read_user
require_tls_files
# The password file is deleted below; a restarted container keeps the user's password of its first start.
require_password -f "$IN/.password-set"

read_configuration "$ETC/msaspec/" .conf

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
    read_password
    case $password in *[:$'\n']*) die "the password has a character chpasswd cannot take" ;; esac
    printf '%s:%s\n' "$user" "$password" | chpasswd
    unset password
    forget_password
    : > "$IN/.password-set"
fi

# --- Relay: a smarthost for every domain, a literal address (no DNS) ---
read_relay
if [ -n "$relay" ]; then
    printf ':[%s],%s\n' "$relay_host" "$relay_port" > "$ETC/esmtproutes"
    echo "msaspec: relay: every message goes to $relay"
else
    rm -f "$ETC/esmtproutes"
    echo "msaspec: relay: none, accepted messages stay in the queue"
fi

# --- Configuration: its settings override esmtpd's, for both services ---
for service in esmtpd-msa esmtpd-ssl; do
    [ -f "$ETC/$service.dist" ] || cp -p "$ETC/$service" "$ETC/$service.dist"
    { cat "$ETC/$service.dist"; echo; cat "$ETC/msaspec/common.conf" "$ETC/msaspec/$configuration.conf"; } > "$ETC/$service"
done
if [ -f "$ETC/msaspec/$configuration.smtpaccess" ]; then
    cp "$ETC/msaspec/$configuration.smtpaccess" "$ETC/smtpaccess/default"
    makesmtpaccess >/dev/null
fi
echo "msaspec: configuration: $configuration"

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
