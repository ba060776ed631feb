export type SaslStep =
  | { type: 'challenge'; challenge: string }
  | { type: 'credentials'; authzid: string; authcid: string; password: string }
  | { type: 'cancelled' }
  | { type: 'undecodable' }
  | { type: 'invalid' };

export interface SaslMechanism {
  /** `response` is undefined for an AUTH command without an initial response. */
  step(response: string | undefined): SaslStep;
}

const USERNAME = Buffer.from('Username:').toString('base64');
const PASSWORD = Buffer.from('Password:').toString('base64');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const MECHANISMS = ['PLAIN', 'LOGIN'] as const;

export function createMechanism(name: string): SaslMechanism | undefined {
  switch (name.toUpperCase()) {
    case 'PLAIN':
      return new PlainMechanism();
    case 'LOGIN':
      return new LoginMechanism();
    default:
      return undefined;
  }
}

/** RFC 4954 §4: "=" is an empty initial response; a response that is not base64 gets 501. */
function decode(response: string): string | undefined {
  if (response === '=') return '';
  return BASE64.test(response) ? Buffer.from(response, 'base64').toString('utf8') : undefined;
}

class PlainMechanism implements SaslMechanism {
  private challenged = false;

  step(response: string | undefined): SaslStep {
    if (response === undefined) {
      this.challenged = true;
      return { type: 'challenge', challenge: '' };
    }
    if (this.challenged && response === '*') return { type: 'cancelled' };
    const message = decode(response);
    if (message === undefined) return { type: 'undecodable' };
    // RFC 4616 §2: message = [authzid] NUL authcid NUL passwd
    const parts = message.split('\0');
    if (parts.length !== 3) return { type: 'invalid' };
    const [authzid = '', authcid = '', password = ''] = parts;
    return { type: 'credentials', authzid, authcid, password };
  }
}

class LoginMechanism implements SaslMechanism {
  private username: string | undefined;
  private challenged = false;

  step(response: string | undefined): SaslStep {
    if (response === undefined) {
      this.challenged = true;
      return { type: 'challenge', challenge: USERNAME };
    }
    if (this.challenged && response === '*') return { type: 'cancelled' };
    const value = decode(response);
    if (value === undefined) return { type: 'undecodable' };
    if (this.username === undefined) {
      this.username = value;
      this.challenged = true;
      return { type: 'challenge', challenge: PASSWORD };
    }
    return { type: 'credentials', authzid: '', authcid: this.username, password: value };
  }
}
