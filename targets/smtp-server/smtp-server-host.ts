import { imageBeside } from '../container-target.ts';
import { hostExtraCaPem } from '../images/host-ca.ts';
import type { TestHostSpec } from '../hosts/test-host.ts';

/**
 * Nodemailer's smtp-server 3.21 from npm on Debian 12's Node.js, with its documented settings:
 * secure on 465, STARTTLS on 587, AUTH PLAIN/LOGIN required (targets/smtp-server/image/).
 */
export const SMTP_SERVER_HOST = {
  image: imageBeside(import.meta.url, {
    name: 'smtp-server',
    release: 'debian12',
    ready: /msaspec: listening on 587 and 465/,
    // npm ci in the build may have to pass an HTTPS-intercepting proxy this machine trusts.
    buildArgs: () => ({ NPM_EXTRA_CA: hostExtraCaPem() }),
  }),
  defaultUser: 'alice@smtp-server.test',
  description: 'Nodemailer smtp-server 3.21.6 (npm) on Node.js 18 (Debian 12)',
} satisfies TestHostSpec;
