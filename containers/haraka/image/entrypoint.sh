#!/bin/sh
# msaspec Haraka target entrypoint.
#
# The harness copies these files into the container before it starts:
#   /run/msaspec/tls/{cert,key,ca}.pem  server certificate (SAN mail.example.test), key, issuing CA
#   /run/msaspec/password               password of the AUTH user (one line, newline optional,
#                                       taken byte for byte); saved to $USERS, then deleted
#   /run/msaspec/user                   the AUTH user (optional, default "alice")
#   /run/msaspec/relay                  "[<address>]:<port>" of the run's message sink: every
#                                       accepted message is forwarded there (queue/smtp_forward);
#                                       absent: queue/discard
#   /run/msaspec/profile                "stock" or "hardened" (default)
# Haraka logs "Listening on 0.0.0.0:465" once both listeners are up (587 comes first).
set -eu

IN=/run/msaspec
HARAKA=/etc/haraka
CONFIG=$HARAKA/config
# The user and password of the first start (root only): a restart re-applies them after the profile.
USERS=/var/lib/msaspec/haraka-users.json
USERS_TOOL=/usr/local/lib/msaspec/haraka-users.cjs

die() { echo "msaspec: entrypoint: $*" >&2; exit 1; }

# /run/msaspec/user (optional, one line) names the AUTH user; default "alice".
user=$(head -n 1 "$IN/user" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$user" ] || user=alice
printf '%s\n' "$user" | grep -Eqx '[A-Za-z0-9._-]{1,64}' || die "bad user name in $IN/user"
# haraka-config drops these ini keys (they could reach an object's prototype): such a user could never log in.
case $user in __proto__|constructor|prototype) die "Haraka cannot take the user name '$user'" ;; esac

for f in "$IN/tls/cert.pem" "$IN/tls/key.pem" "$IN/tls/ca.pem"; do
    [ -s "$f" ] || die "missing or empty $f"
done
# The password file is deleted below; a restarted container keeps the user of its first start.
[ -s "$IN/password" ] || [ -s "$USERS" ] || die "missing or empty $IN/password"

profile=$(head -n 1 "$IN/profile" 2>/dev/null | tr -d '\r\n' || true)
[ -n "$profile" ] || profile=hardened
[ -d "$HARAKA/profiles/$profile" ] || die "unknown profile '$profile'"

# --- No DNS: nothing leaves this machine, and no lookup can stall a reply (a reverse lookup of the
# client through Docker's resolver, the host's, can take seconds). Queries to loopback fail at once.
printf 'nameserver 127.0.0.1\n' > /etc/resolv.conf 2>/dev/null || echo "msaspec: entrypoint: warning: cannot rewrite /etc/resolv.conf" >&2

# --- TLS material (tls plugin defaults: config/tls_key.pem, config/tls_cert.pem) ---
install -o root -g haraka -m 0644 "$IN/tls/cert.pem" "$CONFIG/tls_cert.pem"
install -o root -g haraka -m 0640 "$IN/tls/key.pem" "$CONFIG/tls_key.pem"

# --- Profile: its config files over config/, its local plugins into plugins/ ---
cp "$HARAKA/profiles/$profile/config/"* "$CONFIG/"
if [ -d "$HARAKA/profiles/$profile/plugins" ]; then
    cp "$HARAKA/profiles/$profile/plugins/"* "$HARAKA/plugins/"
fi

# --- The user (auth/flat_file keeps passwords in clear: readable by root and haraka only) ---
# Not in config/auth_flat_file.ini: haraka-config's ini reader would make "007" the number 7 and trim
# spaces. config/smtp.json holds the profile's auth_flat_file.ini plus [users] as JSON ("!" override,
# read before any other file), so the password stays the string it was (haraka-users.cjs).
if [ -s "$IN/password" ]; then
    node "$USERS_TOOL" save "$user" "$IN/password" "$USERS" || die "cannot save the user"
    rm -f "$IN/password" || echo "msaspec: entrypoint: warning: cannot delete $IN/password" >&2
fi
users=$(node "$USERS_TOOL" apply "$HARAKA/profiles/$profile/config/auth_flat_file.ini" "$USERS" "$CONFIG/smtp.json") \
    || die "cannot write $CONFIG/smtp.json"
chown root:haraka "$CONFIG/smtp.json"
chmod 0640 "$CONFIG/smtp.json"
# One source of truth: the copy the profile left would stand for nothing (the override replaces it).
rm -f "$CONFIG/auth_flat_file.ini"
echo "msaspec: users: $users"

# --- Relay or discard ---
if [ -s "$IN/relay" ]; then
    relay=$(head -n 1 "$IN/relay" | tr -d '\r\n')
    printf '%s\n' "$relay" | grep -Eqx '\[[0-9.]+\]:[0-9]{1,5}' \
        || die "bad $IN/relay: expected [IPv4 address]:port, got '$relay'"
    relay_host=${relay#\[}; relay_host=${relay_host%%\]*}
    relay_port=${relay##*:}
    sed -e "s/@HOST@/$relay_host/" -e "s/@PORT@/$relay_port/" "$CONFIG/smtp_forward.ini.in" > "$CONFIG/smtp_forward.ini"
    queue=queue/smtp_forward
    echo "msaspec: relay: every accepted message goes to $relay"
else
    queue=queue/discard
    echo "msaspec: relay: none, every accepted message is discarded"
fi
sed -i "s|^@QUEUE@\$|$queue|" "$CONFIG/plugins"
echo "msaspec: profile: $profile"

cd "$HARAKA"
exec /opt/haraka/node_modules/.bin/haraka -c "$HARAKA"
