/**
 * The emulator's in-memory state: accounts, messages, stop lists, groups, contacts, HLR
 * campaigns and rentals. Routes mutate it; inspection reads snapshots of it.
 */
import { randomBytes } from 'node:crypto';
import type { QuietHoursPolicy } from '@sms-partner/core';
import type {
  AccountSeed,
  AccountStatus,
  MessageRecord,
  QuietHoursMode,
  VirtualNumberSeed,
} from '../types.js';

export interface VirtualNumberState {
  number: string;
  callForwardEnabled: boolean;
  disabled: boolean;
  /** 0 off, 1 forward to a phone, 2 voicemail. */
  forwardType: 0 | 1 | 2;
  forwardParam: string;
}

export interface StopEntry {
  id: number;
  phoneNumber: string;
  createdAt: Date;
}

export interface GroupState {
  id: number;
  name: string;
  createdAt: Date;
  token: string;
}

export interface ContactState {
  contactId: number;
  groupId: number;
  phoneNumber: string;
  firstname: string;
  lastname: string;
  date: string;
  url: string;
  shortUrl: string;
  custom1: string;
  custom2: string;
  custom3: string;
  custom4: string;
  createdAt: Date;
}

export interface RentalState {
  token: string;
  accountId: number;
  createdAt: Date;
  readyAt: Date;
  parameters: Record<string, unknown>;
  details: { Type: string; Location: string; VolumeDesired: number; Volume: number }[];
  quantity: number;
  costMilli: number;
  downloaded: boolean;
  numbers: string[];
}

export interface AccountState {
  id: number;
  apiKey: string;
  username: string;
  firstname: string | undefined;
  lastname: string | undefined;
  balanceMilli: number;
  status: AccountStatus;
  quietHours: QuietHoursMode;
  quietHoursPolicy: QuietHoursPolicy | undefined;
  marketing: boolean;
  unicode: boolean;
  lowCost: boolean;
  rcs: boolean;
  allowedIps: string[] | undefined;
  subaccounts: boolean;
  replyUrl: string | undefined;
  virtualNumbers: VirtualNumberState[];
  surveys: string[] | undefined;
  stopList: StopEntry[];
  parentId: number | undefined;
  token: string | undefined;
  subaccountType: 'simple' | 'advanced' | undefined;
  createdAt: Date;
}

export function randomKey(): string {
  return randomBytes(20).toString('hex');
}

export class Store {
  accounts: AccountState[] = [];
  messages: MessageRecord[] = [];
  groups = new Map<number, GroupState & { accountId: number }>();
  contacts = new Map<number, ContactState & { accountId: number }>();
  rentals = new Map<string, RentalState>();
  hlrCampaigns = 0;
  #ids = { account: 0, message: 1000, stop: 0, group: 0, contact: 0 };

  nextMessageId(): number {
    this.#ids.message += 1;
    return this.#ids.message;
  }
  nextStopId(): number {
    this.#ids.stop += 1;
    return this.#ids.stop;
  }
  nextGroupId(): number {
    this.#ids.group += 1;
    return this.#ids.group;
  }
  nextContactId(): number {
    this.#ids.contact += 1;
    return this.#ids.contact;
  }

  createAccount(seed: AccountSeed, now: Date, extra: Partial<AccountState> = {}): AccountState {
    if (seed.apiKey !== undefined && (typeof seed.apiKey !== 'string' || seed.apiKey === '')) {
      throw new TypeError(
        'AccountSeed.apiKey must be a non-empty string (or left out to generate one).',
      );
    }
    if (seed.apiKey && this.byKey(seed.apiKey)) {
      throw new TypeError(
        'An account with this apiKey already exists in the emulator; use a different key.',
      );
    }
    if (seed.balance !== undefined && !(Number.isFinite(seed.balance) && seed.balance >= 0)) {
      throw new RangeError(
        `AccountSeed.balance must be a finite number of euros >= 0; got ${seed.balance}.`,
      );
    }
    this.#ids.account += 1;
    const id = this.#ids.account;
    const numbers = seed.virtualNumbers ?? ['33700000000'];
    const account: AccountState = {
      id,
      apiKey: seed.apiKey ?? randomKey(),
      username: seed.username ?? `demo+${id}@example.com`,
      firstname: seed.firstname,
      lastname: seed.lastname,
      balanceMilli: Math.round((seed.balance ?? 100) * 1000),
      status: seed.status ?? 'active',
      quietHours: seed.quietHours ?? 'hold',
      quietHoursPolicy: seed.quietHoursPolicy,
      marketing: seed.marketing ?? false,
      unicode: seed.unicode ?? true,
      lowCost: seed.lowCost ?? true,
      rcs: seed.rcs ?? true,
      allowedIps: seed.allowedIps,
      subaccounts: seed.subaccounts ?? true,
      replyUrl: seed.replyUrl,
      virtualNumbers: numbers.map(toVirtualNumber),
      surveys: seed.surveys,
      stopList: [],
      parentId: undefined,
      token: undefined,
      subaccountType: undefined,
      createdAt: now,
      ...extra,
    };
    this.accounts.push(account);
    return account;
  }

  /**
   * Puts a number (international form) on the account's stop list. Returns the new entry, or
   * `undefined` when the number was there already.
   */
  addStop(account: AccountState, phoneNumber: string, at: Date): StopEntry | undefined {
    if (account.stopList.some((s) => s.phoneNumber === phoneNumber)) return undefined;
    const entry = { id: this.nextStopId(), phoneNumber, createdAt: at };
    account.stopList.push(entry);
    return entry;
  }

  /** Takes a number (international form) off the account's stop list; `false` if it was not on it. */
  removeStop(account: AccountState, phoneNumber: string): boolean {
    const index = account.stopList.findIndex((s) => s.phoneNumber === phoneNumber);
    if (index < 0) return false;
    account.stopList.splice(index, 1);
    return true;
  }

  byKey(apiKey: string): AccountState | undefined {
    return this.accounts.find((a) => a.apiKey === apiKey);
  }

  byId(id: number): AccountState | undefined {
    return this.accounts.find((a) => a.id === id);
  }
}

function toVirtualNumber(seed: string | VirtualNumberSeed): VirtualNumberState {
  const s = typeof seed === 'string' ? { number: seed } : seed;
  return {
    number: s.number.replace(/^\+/, ''),
    callForwardEnabled: s.callForwardEnabled ?? true,
    disabled: s.disabled ?? false,
    forwardType: 0,
    forwardParam: '',
  };
}
