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
}
