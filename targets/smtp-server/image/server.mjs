// Nodemailer's smtp-server as a submission server on 587 and 465, with the settings its
// documentation describes (nodemailer.com "SMTP server"): one SMTPServer per port, `secure: true`
// on 465 (TLS from the first byte), `secure: false` on 587 (STARTTLS offered, the default), the
// certificate as `key`/`cert`, `authMethods: ['PLAIN', 'LOGIN']`, `authOptional: false` (AUTH is
// required before MAIL), `allowInsecureAuth: false` (no AUTH before TLS, the default), an
// `onAuth` that accepts one user and password, and an `onData` that reads the message and
// discards it. Everything else is smtp-server's default.
//
// Arguments: user file, password file, certificate, key (read once, at start).
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const [userFile, passwordFile, certFile, keyFile] = process.argv.slice(2);
const firstLine = (file) => readFileSync(file, 'utf8').split('\n', 1)[0].replace(/\r$/, '');
const USER = firstLine(userFile);
const PASSWORD = firstLine(passwordFile);
const key = readFileSync(keyFile);
const cert = readFileSync(certFile);

const options = {
  name: 'mail.example.test',
  key,
  cert,
  authMethods: ['PLAIN', 'LOGIN'],
  authOptional: false,
  allowInsecureAuth: false,
  onAuth(auth, session, callback) {
    if (auth.username === USER && auth.password === PASSWORD) return callback(null, { user: auth.username });
    return callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    stream.on('end', () => callback(null, 'Message accepted'));
    stream.resume();
  },
};

const listen = (server, port) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', resolve);
  });

const servers = [new SMTPServer({ ...options, secure: false }), new SMTPServer({ ...options, secure: true })];
// smtp-server reports each connection's errors here; without a listener they would end the process.
for (const server of servers) server.on('error', (err) => console.error(`smtp-server: ${err.message}`));
await listen(servers[0], 587);
await listen(servers[1], 465);
console.log('msaspec: listening on 587 and 465');

const stop = () => {
  for (const server of servers) server.close();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
