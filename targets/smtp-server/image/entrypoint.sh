#!/bin/sh
# msaspec smtp-server test host entrypoint.
#
# It reads the run files in /run/msaspec/ (run-files.sh lists them):
#   /run/msaspec/tls/{cert,key}.pem     server certificate (SAN mail.example.test) and its key
#   /run/msaspec/password               the user's password (one line)
#   /run/msaspec/user                   the user (default alice@smtp-server.test)
# The password file is deleted at the first start; a copy readable by root only is kept for a restart.
# server.mjs prints "msaspec: listening on 587 and 465" once both servers listen.
set -eu
. /usr/local/lib/msaspec/run-files.sh

KEEP=/var/lib/msaspec

read_user alice@smtp-server.test '[A-Za-z0-9._@-]{1,128}'
require_tls_files cert key
keep_credentials "$KEEP"

cd /opt/smtp-server
exec node server.mjs "$KEEP/user" "$KEEP/password" "$IN/tls/cert.pem" "$IN/tls/key.pem"
