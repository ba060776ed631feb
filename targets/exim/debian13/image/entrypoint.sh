#!/bin/sh
# msaspec Exim target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the user
# and its password go into /etc/exim4/passwd; the configuration's
# /etc/msaspec/configurations/<configuration>.conf becomes /etc/exim4/exim4.conf.localmacros;
# with a relay every message for a remote domain goes to the run's sink
# (Debian's smarthost configuration type), without one accepted messages stay
# queued.
# Exim logs "daemon started" (mainlog, copied to stdout) once it listens.
set -eu
. /usr/local/lib/msaspec/run-files.sh

read_user
require_tls_files
# The password file is deleted below; a restart keeps the passwd file of the first start.
require_password -s /etc/exim4/passwd

# --- TLS material (README.Debian 2.2.2: /etc/exim4/exim.crt and exim.key, root:Debian-exim 0640)
install -o root -g Debian-exim -m 0640 "$IN/tls/cert.pem" /etc/exim4/exim.crt
install -o root -g Debian-exim -m 0640 "$IN/tls/key.pem" /etc/exim4/exim.key
chmod 0600 "$IN/tls/key.pem" 2>/dev/null || true

# --- AUTH user: CONFDIR/passwd, "user:crypt(password)" (exim4_passwd(5)) ------
if [ -s "$IN/password" ]; then
    read_password
    hash=$(MSASPEC_PW="$password" perl -e '
        my @c = ("a".."z", "A".."Z", 0..9, ".", "/");
        open(my $r, "<", "/dev/urandom") or die; read($r, my $b, 16); close($r);
        my $salt = join "", map { $c[ord($_) % 64] } split //, $b;
        print crypt($ENV{MSASPEC_PW}, "\$6\$$salt\$");')
    unset password
    case "$hash" in '$6$'*) ;; *) die "crypt() failed" ;; esac
    printf '%s:%s\n' "$user" "$hash" > /etc/exim4/passwd
    chown root:Debian-exim /etc/exim4/passwd
    chmod 0640 /etc/exim4/passwd
    forget_password
fi
echo "msaspec: passwd: $(cut -d: -f1 /etc/exim4/passwd)"

# --- Configuration ------------------------------------------------------------------
read_configuration /etc/msaspec/configurations/ .conf
install -m 0644 "/etc/msaspec/configurations/$configuration.conf" /etc/exim4/exim4.conf.localmacros
echo "msaspec: configuration: $configuration"

# --- Relay or keep ------------------------------------------------------------
# A literal address, Exim's host list syntax (port after "::", IPv6 colons doubled): no DNS.
queue=-q30m
read_relay --ipv6
if [ -n "$relay" ]; then
    smarthost="$(printf '%s' "$relay_host" | sed 's/:/::/g')::$relay_port"
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
