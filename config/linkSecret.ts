import type { Settings } from './settings';

/**
 * LINK_SIGNING_SECRET signs every unsubscribe, double opt-in and staff callback link. Its default
 * is public (it is in this repository): with it anybody could forge a link. It is accepted only
 * where nobody outside this machine can follow a link: the embedded engine (`stammkunde start`)
 * and NODE_ENV development or test.
 */
export const DEVELOPMENT_LINK_SIGNING_SECRET = 'dev-only-link-signing-secret-change-me';
export const MIN_LINK_SECRET_BYTES = 32;

export const HOW_TO_SET_LINK_SECRET = `set LINK_SIGNING_SECRET to a random value of at least ${MIN_LINK_SECRET_BYTES} bytes, e.g. \`export LINK_SIGNING_SECRET="$(openssl rand -base64 48)"\`, the same for the worker and the API`;

export class DevelopmentSecretError extends Error {
  constructor(role: string) {
    super(
      `Refusing to start the ${role} with the development default of LINK_SIGNING_SECRET: it is public, so anybody could forge unsubscribe and callback links. ` +
        `${HOW_TO_SET_LINK_SECRET[0].toUpperCase()}${HOW_TO_SET_LINK_SECRET.slice(1)}. ` +
        '(The default is accepted only by `stammkunde start` on embedded defaults, or with NODE_ENV=development or test.)',
    );
    this.name = 'DevelopmentSecretError';
  }
}

export type SecretContext = { role: 'API' | 'worker'; embedded?: boolean; nodeEnv?: string };

/** Throws DevelopmentSecretError when a production process would run with the public default secret. */
export function assertLinkSecretFitFor(settings: Pick<Settings, 'LINK_SIGNING_SECRET'>, context: SecretContext): void {
  if (settings.LINK_SIGNING_SECRET !== DEVELOPMENT_LINK_SIGNING_SECRET) return;
  if (context.embedded) return;
  const nodeEnv = context.nodeEnv ?? process.env.NODE_ENV;
  if (nodeEnv === 'development' || nodeEnv === 'test') return;
  throw new DevelopmentSecretError(context.role);
}
