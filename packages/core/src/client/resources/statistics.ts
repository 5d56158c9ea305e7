import { asArray, asRecord, toNumber } from '../internal/coerce.js';
import type { ClientContext } from '../internal/context.js';
import { toDate } from '../internal/dates.js';
import { dayMonthYear, isoDay, readDay } from '../internal/dates-input.js';
import { Issues } from '../internal/validate.js';
import type { DayInput, RequestOptions } from '../options.js';

/** Which months {@link StatisticsResource.costs} covers. */
export type CostsQuery =
  | {
      /** The last month, or the last twelve. */
      interval: 'last_month' | 'last_twelve_months';
    }
  | {
      /** First day (a `Date` read in Paris, or `'YYYY-MM-DD'`). */
      from: DayInput;
      /** Last day, included. */
      to: DayInput;
    };

/** One month of sending statistics. */
export interface MonthlyCost {
  /** Year, e.g. 2030. */
  year: number;
  /** Month, 1–12. */
  month: number;
  /** Midnight in Paris on the 1st of the month. */
  start: Date | undefined;
  /** Money spent. */
  cost: number;
  /** SMS sent (`nb_send`). */
  sent: number;
}

/** Result of {@link StatisticsResource.costs}. */
export interface CostsResult {
  /** One entry per month, oldest first. */
  months: MonthlyCost[];
  /** The answer as parsed. */
  raw: unknown;
}

/** Sending statistics. */
export class StatisticsResource {
  readonly #context: ClientContext;

  /** @internal Created by {@link SmsPartnerClient}. */
  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Cost and volume per month (`GET /v1/statistics/cost-resume`). SMS Partner allows 5 calls a
   * minute; a 429 is retried after its `Retry-After`.
   * @see https://www.docpartner.dev/en/api/sms-partner/status-and-statistics/sending-statistics
   * @example
   * ```ts
   * const { months } = await client.statistics.costs({ interval: 'last_twelve_months' });
   * const { months: q1 } = await client.statistics.costs({ from: '2030-01-01', to: '2030-03-31' });
   * ```
   */
  async costs(query: CostsQuery, options?: RequestOptions): Promise<CostsResult> {
    const issues = new Issues();
    const input = (query ?? {}) as Record<string, unknown>;
    let params: Record<string, string | undefined>;
    if ('interval' in input) {
      if (input.interval !== 'last_month' && input.interval !== 'last_twelve_months') {
        issues.add(
          'interval',
          `must be 'last_month' or 'last_twelve_months'; received ${JSON.stringify(input.interval)}.`,
          'pass one of them, or { from, to } for a custom range.',
        );
      }
      params = { interval: input.interval as string };
    } else {
      const from = readDay(issues, 'from', input.from);
      const to = readDay(issues, 'to', input.to);
      if (from && to && isoDay(from) > isoDay(to)) {
        issues.add('to', 'is before from.', 'swap them.');
      }
      params = {
        interval: 'custom',
        from: from && dayMonthYear(from),
        to: to && dayMonthYear(to),
      };
    }
    issues.done();
    const result = await this.#context.transport.call(
      {
        method: 'GET',
        path: '/v1/statistics/cost-resume',
        family: 'statistics',
        kind: 'read',
        format: this.#context.format,
        xmlKeys: ['success', 'datas'],
        query: params,
      },
      options,
    );
    const months = asArray(result.data.datas).map((item): MonthlyCost => {
      const record = asRecord(item);
      const start = toDate(record.date);
      return {
        year: toNumber(record.year) ?? 0,
        month: toNumber(record.m) ?? 0,
        start,
        cost: toNumber(record.cost) ?? 0,
        sent: toNumber(record.nb_send) ?? 0,
      };
    });
    return { months, raw: result.raw };
  }
}
