import fs from 'node:fs';
import type { Settings } from './settings';

/** Connection options for TEMPORAL_ADDRESS, with mTLS or an API key when configured (Temporal Cloud or a cluster). */
export function temporalConnectionOptions(config: Settings) {
  const tls =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? { clientCertPair: { crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH) } }
      : config.TEMPORAL_API_KEY
        ? true
        : undefined;
  return { address: config.TEMPORAL_ADDRESS, tls, apiKey: config.TEMPORAL_API_KEY };
}
