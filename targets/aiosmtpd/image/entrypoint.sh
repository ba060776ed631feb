#!/bin/sh
# msaspec aiosmtpd test host entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them):
#   /run/msaspec/tls/{cert,key}.pem     server certificate (SAN mail.example.test) and its key
#   /run/msaspec/password               the user's password (one line, taken byte for byte)
#   /run/msaspec/user                   the user (default alice@aiosmtpd.test)
# The server reads them once as root and keeps them in memory; the password file is deleted at the
# first start, so the credentials are kept, readable by root only, for a restart.
# server.py prints "msaspec: listening on 587 and 465" once both controllers answer.
set -eu
. /usr/local/lib/msaspec/run-files.sh

KEEP=/var/lib/msaspec

read_user alice@aiosmtpd.test '[A-Za-z0-9._@-]{1,128}'
require_tls_files cert key
keep_credentials "$KEEP"

exec python3 /usr/local/lib/msaspec/aiosmtpd-server.py "$KEEP/user" "$KEEP/password" "$IN/tls/cert.pem" "$IN/tls/key.pem"
