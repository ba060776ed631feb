'use strict';
// msaspec Haraka target: the AUTH user for auth/flat_file, with its password kept verbatim.
//
// haraka-config's ini reader turns an all-digit value into a number ("007" -> 7, "0" -> 0, which
// flat_file then treats as no user), a float-looking one into a float ("1.50" -> 1.5), trims
// whitespace around a value, joins a line ending in "\" with the next, and cannot read a value
// holding U+2028 or U+2029. A JSON override does none of that: config/smtp.json is read before every
// other file, and its "!auth_flat_file.ini" key stands for that file (haraka-config README, "JSON
// Overrides"). So the entrypoint writes the configuration's auth_flat_file.ini, parsed by haraka-config
// itself with the options flat_file reads it with, plus the [users] section, into smtp.json.
//
//   node users.cjs save USER PASSWORD_FILE USERS_JSON   the user and password, for this and later starts
//   node users.cjs apply PROFILE_INI USERS_JSON SMTP_JSON   smtp.json for this start; prints the user names
//
// Never prints a password.

const fs = require('node:fs');
const path = require('node:path');

// As plugins/auth/flat_file.js asks for its config (Haraka 3.3.4): constrain_sender defaults to true.
const FLAT_FILE_OPTIONS = { booleans: ['+core.constrain_sender'], no_watch: true };

function die(message) {
  process.stderr.write(`msaspec: entrypoint: ${message}\n`);
  process.exit(1);
}

/** Writes through a temporary file and a rename, so a failed write never leaves half a file. */
function writeAtomic(file, text, mode) {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}`);
  fs.writeFileSync(tmp, text, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

/** The password file's one line, byte for byte: a trailing LF (or CRLF) is dropped, nothing else. */
function readPassword(file) {
  let bytes = fs.readFileSync(file);
  if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, -1);
  if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
  let password;
  try {
    password = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    die(`${file}: the password is not UTF-8`);
  }
  if (password === '') die(`${file}: empty password`);
  if (/[\r\n]/.test(password)) die(`${file}: the password must be one line`);
  return password;
}

function save(user, passwordFile, usersFile) {
  const users = { [user]: readPassword(passwordFile) };
  fs.mkdirSync(path.dirname(usersFile), { recursive: true, mode: 0o700 });
  writeAtomic(usersFile, `${JSON.stringify(users)}\n`, 0o600);
}

function apply(profileIni, usersFile, smtpJson) {
  const users = JSON.parse(fs.readFileSync(usersFile, 'utf8'));
  // No HARAKA in the environment: the configuration's file alone, without Haraka's defaults or overrides.
  delete process.env.HARAKA;
  const config = require('/opt/haraka/node_modules/haraka-config');
  const ini = config.get(path.resolve(profileIni), 'ini', FLAT_FILE_OPTIONS);
  const merged = { ...ini, users: { ...ini.users, ...users } };
  writeAtomic(smtpJson, `${JSON.stringify({ '!auth_flat_file.ini': merged }, null, 2)}\n`, 0o640);
  process.stdout.write(`${Object.keys(merged.users).join(' ')}\n`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'save' && args.length === 3) save(...args);
else if (command === 'apply' && args.length === 3) apply(...args);
else die('usage: users.cjs save USER PASSWORD_FILE USERS_JSON | apply PROFILE_INI USERS_JSON SMTP_JSON');
