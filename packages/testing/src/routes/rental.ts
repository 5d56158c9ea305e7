/**
 * Contact rental ("location", spec §2.17): `location/optin` (calcul / price / rent),
 * `location/status`, `location/file/download`. Volumes are deterministic per location so tests
 * can rely on them. The file format and the `urlNotification` callback are undocumented: the
 * file is CSV with a `phoneNumber` column, and no notification is sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { fail, MESSAGES } from '../internal/api-error.js';
import { fromMilli, milliString } from '../internal/money.js';
import { int, num, obj, type Params, str } from '../internal/params.js';
import type { RentalState } from '../internal/state.js';
import { authenticate, type Ctx, type RawAnswer, type Route } from './context.js';

/** Contacts available in a zipcode or department: 50 to 999, stable for a given location. */
export function availableVolume(location: string): number {
  const digest = createHash('sha256').update(location).digest();
  return 50 + (digest.readUInt16BE(0) % 950);
}

interface Zone {
  Type: string;
  Localite: string;
  available: number;
}

function zones(parameters: Params): Zone[] {
  const zipcodes = (str(parameters, 'zipcode') ?? '')
    .split(',')
    .map((z) => z.trim())
    .filter(Boolean);
  const departments = (str(parameters, 'department') ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const out: Zone[] = [
    ...zipcodes.map((z) => ({ Type: 'CP', Localite: z, available: availableVolume(`CP${z}`) })),
    ...departments.map((d) => ({
      Type: 'DEP',
      Localite: d,
      available: availableVolume(`DEP${d}`) * 10,
    })),
  ];
  return out.length ? out : [{ Type: 'PAYS', Localite: 'FR', available: 100_000 }];
}

function validate(parameters: Params | undefined): Params {
  if (!parameters) throw fail(3, 'Le paramètre parameters est requis');
  const sexe = str(parameters, 'sexe');
  if (!sexe) throw fail(7, 'Le paramètre sexe est requis');
  if (!['m', 'h', 'f'].includes(sexe)) throw fail(8, 'Le paramètre sexe doit valoir m, h ou f');
  const minAge = int(parameters, 'minAge');
  if (minAge === undefined) throw fail(9, 'Le paramètre minAge est requis');
  if (!(minAge > 17)) throw fail(12, 'minAge doit être supérieur à 17');
  const maxAge = int(parameters, 'maxAge');
  if (maxAge === undefined) throw fail(13, 'Le paramètre maxAge est requis');
  if (!(maxAge < 99)) throw fail(14, 'maxAge doit être inférieur à 99');
  const interest = num(parameters, 'interest');
  const subInterest = num(parameters, 'subInterest');
  if (interest === undefined && subInterest === undefined) {
    throw fail(19, 'interest ou subInterest est requis');
  }
  if (interest !== undefined && !(interest > 0)) throw fail(15, 'interest doit être supérieur à 0');
  if (subInterest !== undefined && !(subInterest > 0))
    throw fail(18, 'subInterest doit être supérieur à 0');
  const category = num(parameters, 'category');
  if (category !== undefined && !(category > 0)) throw fail(23, 'category doit être supérieur à 0');
  return parameters;
}

function optin(ctx: Ctx) {
  const account = authenticate(ctx);
  const op = str(ctx.params, 'op');
  if (!op) throw fail(4, 'Le paramètre op est requis');
  if (!['calcul', 'price', 'rent'].includes(op)) throw fail(6, `Opération non autorisée (${op})`);
  const parameters = validate(obj(ctx.params, 'parameters'));
  const notification = str(ctx.params, 'urlNotification');
  if (notification !== undefined && !/^https?:\/\/\S+$/.test(notification)) {
    throw fail(5, "urlNotification n'est pas une URL valide");
  }
  const available = zones(parameters);
  if (op === 'calcul') {
    const datas = available.map((z) => ({
      Type: z.Type,
      Localite: z.Localite,
      Volume: z.available,
    }));
    const total = datas.reduce((n, d) => n + d.Volume, 0);
    return { success: true, op, datas: [...datas, { Type: 'total', Localite: '', Volume: total }] };
  }
  const volumes = obj(ctx.params, 'volumes') ?? {};
  const wanted = available.map((z) => {
    const desired = int(volumes, z.Localite) ?? z.available;
    if (desired > z.available) {
      throw fail(
        27,
        `Le volume souhaité (${desired}) dépasse le volume disponible (${z.available})`,
      );
    }
    return { ...z, desired };
  });
  const quantity = wanted.reduce((n, z) => n + z.desired, 0);
  const unitMilli = Math.round(ctx.engine.behaviour.pricing.rental * 1000);
  const totalMilli = unitMilli * quantity;
  const datas = [
    ...wanted.map((z) => ({ Type: z.Type, Localite: z.Localite, Volume: z.desired })),
    { Type: 'total', Localite: '', Volume: quantity },
  ];
  const cost = { quantity, total: fromMilli(totalMilli), cost_unity: fromMilli(unitMilli) };
  if (op === 'price') return { success: true, op, datas, cost };
  if (totalMilli > account.balanceMilli) throw fail(11, MESSAGES.credit);
  account.balanceMilli -= totalMilli;
  const token = randomBytes(12).toString('hex');
  const rental: RentalState = {
    token,
    accountId: account.id,
    createdAt: ctx.now,
    readyAt: new Date(ctx.now.getTime() + ctx.engine.behaviour.dlrDelayMs),
    parameters,
    details: wanted.map((z) => ({
      Type: z.Type,
      Location: z.Localite,
      VolumeDesired: z.desired,
      Volume: z.desired,
    })),
    quantity,
    costMilli: totalMilli,
    downloaded: false,
    numbers: Array.from({ length: quantity }, (_, i) => `+3367${String(i).padStart(7, '0')}`),
  };
  ctx.engine.store.rentals.set(token, rental);
  return { success: true, op, token, datas, cost };
}

function ownRental(ctx: Ctx): RentalState {
  const account = authenticate(ctx);
  const token = str(ctx.params, 'token');
  if (!token) throw fail(31, 'Le token est requis');
  const rental = ctx.engine.store.rentals.get(token);
  if (!rental || rental.accountId !== account.id) throw fail(32, 'Location introuvable');
  return rental;
}

function status(ctx: Ctx) {
  const rental = ownRental(ctx);
  const ready = ctx.now.getTime() >= rental.readyAt.getTime();
  const statusText = rental.downloaded
    ? 'File downloaded by user from api'
    : ready
      ? 'File ready to download'
      : 'File being generated';
  const p = rental.parameters;
  return {
    success: true,
    token: rental.token,
    status: statusText,
    location: {
      sexe: p.sexe,
      minAge: p.minAge,
      maxAge: p.maxAge,
      zipcode: p.zipcode ?? '',
      interest: p.interest ?? '',
      category: p.category ?? '',
      details_localisation: rental.details,
      cost: {
        quantity: rental.quantity,
        total: milliString(rental.costMilli),
        cost_unity: milliString(Math.round(rental.costMilli / Math.max(1, rental.quantity))),
      },
    },
    file: { phoneNumbers: ready ? String(rental.quantity) : '0' },
  };
}

function download(ctx: Ctx): RawAnswer {
  const rental = ownRental(ctx);
  if (ctx.now.getTime() < rental.readyAt.getTime())
    throw fail(33, 'Fichier de location introuvable (en cours de génération)');
  if (rental.downloaded) throw fail(34, 'Fichier déjà utilisé');
  rental.downloaded = true;
  return {
    raw: true,
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    body: `phoneNumber\n${rental.numbers.join('\n')}\n`,
  };
}

export const rentalRoutes: Route[] = [
  { name: 'location/optin', paths: ['/v1/location/optin'], methods: ['POST'], handler: optin },
  { name: 'location/status', paths: ['/v1/location/status'], methods: ['GET'], handler: status },
  {
    name: 'location/file/download',
    paths: ['/v1/location/file/download'],
    methods: ['GET'],
    handler: download,
  },
];
