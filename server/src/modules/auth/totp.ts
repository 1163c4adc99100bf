import { authenticator } from 'otplib';

// Accept the previous and next 30-second step: phone clocks drift.
authenticator.options = { window: 1 };

export function createTotpSecret(): string {
  return authenticator.generateSecret();
}

export function totpUri(accountName: string, secret: string): string {
  return authenticator.keyuri(accountName, 'Klachtpad', secret);
}

export function verifyTotp(code: string, secret: string): boolean {
  try {
    return authenticator.verify({ token: code, secret });
  } catch {
    return false;
  }
}

/** The current code for a secret; the tests act as the authenticator app. */
export function currentTotp(secret: string): string {
  return authenticator.generate(secret);
}
