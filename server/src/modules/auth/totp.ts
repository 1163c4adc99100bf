import { authenticator } from 'otplib';

// Accept the previous and next 30-second step: phone clocks drift.
authenticator.options = { window: 1 };

export function createTotpSecret(): string {
  return authenticator.generateSecret();
}

export function totpUri(accountName: string, secret: string): string {
  return authenticator.keyuri(accountName, 'Klachtpad', secret);
}

/**
 * The 30-second time step a valid code belongs to, or undefined for a code that is not valid
 * now (within the window). The caller refuses a step that is not later than the last used one.
 */
export function totpStep(code: string, secret: string, now = Date.now()): number | undefined {
  try {
    // One instant for the check and the step, so a step boundary between them cannot shift it.
    const at = authenticator.clone({ epoch: now });
    const delta = at.checkDelta(code, secret);
    if (delta === null) return undefined;
    return Math.floor(now / 1000 / at.allOptions().step) + delta;
  } catch {
    return undefined;
  }
}

/**
 * The code for a secret now, or `stepsAhead` 30-second steps from now (the window accepts the
 * next one): the tests act as the authenticator app, whose codes are accepted once each.
 */
export function currentTotp(secret: string, stepsAhead = 0): string {
  const at = authenticator.clone({ epoch: Date.now() + stepsAhead * 30_000 });
  return at.generate(secret);
}
