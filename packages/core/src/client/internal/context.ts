import type { MessageCategory, QuietHoursPolicy } from '../../schedule/index.js';
import type { MessageDefaults, QuietHoursMode, ResponseFormat, SmsPricing } from '../options.js';
import type { Transport } from './transport.js';

/** Everything resources share. */
export interface ClientContext {
  transport: Transport;
  sandbox: boolean;
  quietHours: QuietHoursMode;
  category: MessageCategory;
  policy: QuietHoursPolicy | undefined;
  now: () => Date;
  message: MessageDefaults;
  pricing: SmsPricing | undefined;
  format: ResponseFormat | undefined;
  /**
   * The last quiet stretch seen by a commercial send under 'allow': every instant in
   * `[from, until)` is quiet under `policy` and released at `until` (see `decideQuietHours`).
   */
  held?: { from: number; until: number; policy: QuietHoursPolicy | undefined } | undefined;
}
