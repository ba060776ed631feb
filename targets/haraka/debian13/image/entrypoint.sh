#!/bin/sh
# msaspec Haraka target entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them): the user's password, taken byte
# for byte, is saved to $USERS; with a relay every accepted message is forwarded to the run's sink
# (queue/smtp_forward), without one discarded (queue/discard).
# Haraka logs "Listening on 0.0.0.0:465" once both listeners are up (587 comes first).
set -eu
. /usr/local/lib/msaspec/run-files.sh

HARAKA=/etc/haraka
CONFIG=$HARAKA/config
# The user and password of the first start (root only): a restart re-applies them after the configuration.
USERS=/var/lib/msaspec/haraka-users.json
USERS_TOOL=/usr/local/lib/msaspec/haraka-users.cjs

read_user
# haraka-config drops these ini keys (they could reach an object's prototype): such a user could never log in.
case $user in __proto__|constructor|prototype) die "Haraka cannot take the user name '$user'" ;; esac

require_tls_files
# The password file is deleted below; a restarted container keeps the user of its first start.
require_password -s "$USERS"

read_configuration "$HARAKA/configurations/"

# --- No DNS: nothing leaves this machine, and no lookup can stall a reply (a reverse lookup of the
# client through Docker's resolver, the host's, can take seconds). Queries to loopback fail at once.
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- TLS material (tls plugin defaults: config/tls_key.pem, config/tls_cert.pem) ---
install -o root -g haraka -m 0644 "$IN/tls/cert.pem" "$CONFIG/tls_cert.pem"
install -o root -g haraka -m 0640 "$IN/tls/key.pem" "$CONFIG/tls_key.pem"

# --- Configuration: its config files over config/, its local plugins into plugins/ ---
cp "$HARAKA/configurations/$configuration/config/"* "$CONFIG/"
if [ -d "$HARAKA/configurations/$configuration/plugins" ]; then
    cp "$HARAKA/configurations/$configuration/plugins/"* "$HARAKA/plugins/"
fi

# --- The user (auth/flat_file keeps passwords in clear: readable by root and haraka only) ---
# Not in config/auth_flat_file.ini: haraka-config's ini reader would make "007" the number 7 and trim
# spaces. config/smtp.json holds the configuration's auth_flat_file.ini plus [users] as JSON ("!" override,
# read before any other file), so the password stays the string it was (haraka-users.cjs).
if [ -s "$IN/password" ]; then
    node "$USERS_TOOL" save "$user" "$IN/password" "$USERS" || die "cannot save the user"
    forget_password
fi
users=$(node "$USERS_TOOL" apply "$HARAKA/configurations/$configuration/config/auth_flat_file.ini" "$USERS" "$CONFIG/smtp.json") \
    || die "cannot write $CONFIG/smtp.json"
chown root:haraka "$CONFIG/smtp.json"
chmod 0640 "$CONFIG/smtp.json"
# One source of truth: the copy the configuration left would stand for nothing (the override replaces it).
rm -f "$CONFIG/auth_flat_file.ini"
echo "msaspec: users: $users"

# --- Relay or discard ---
read_relay
if [ -n "$relay" ]; then
    sed -e "s/@HOST@/$relay_host/" -e "s/@PORT@/$relay_port/" "$CONFIG/smtp_forward.ini.in" > "$CONFIG/smtp_forward.ini"
    queue=queue/smtp_forward
    echo "msaspec: relay: every accepted message goes to $relay"
else
    queue=queue/discard
    echo "msaspec: relay: none, every accepted message is discarded"
fi
sed -i "s|^@QUEUE@\$|$queue|" "$CONFIG/plugins"
echo "msaspec: configuration: $configuration"

# Haraka runs as haraka from the start: Debian 13's Node.js 20 refuses process.setgid()/setuid() ("io_uring
# may be enabled", CVE-2024-22017), even with UV_USE_IO_URING=0, so Haraka cannot drop root itself after
# binding (smtp.ini has no user/group). It binds 465 and 587 unprivileged: Docker sets
# net.ipv4.ip_unprivileged_port_start=0 in a container's network namespace.
cd "$HARAKA"
exec setpriv --reuid=haraka --regid=haraka --init-groups --inh-caps=-all /opt/haraka/node_modules/.bin/haraka -c "$HARAKA"
