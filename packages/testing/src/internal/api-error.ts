/**
 * API-level failures (`{ success: false, code, message }`). Messages are French, as the real API's
 * are (spec §1.2); callers should branch on `code`, never on the text.
 */

export interface Violation {
  elementId: string;
  message: string;
}

/** What kind of failure it is, for the `'mapped'` HTTP status (codes overlap between endpoints). */
export type FailureKind = 'auth' | 'forbidden' | 'not-found' | 'invalid';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly kind: FailureKind = 'invalid',
    readonly extra: Record<string, unknown> = {},
    /** Forces the HTTP status whatever the `errorStatus` setting. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Code 9 with its violation list (key `error` or `errors`, chosen by the route). */
export class ValidationError extends ApiError {
  constructor(readonly violations: Violation[]) {
    super(9, 'Contraintes non respectées');
    this.name = 'ValidationError';
  }
}

export const field = (name: string) => `children[${name}].data`;

export const fail = (code: number, message: string, extra: Record<string, unknown> = {}) =>
  new ApiError(code, message, 'invalid', extra);

export const notFound = (code: number, message: string) => new ApiError(code, message, 'not-found');

export const MESSAGES = {
  keyRequired: 'La clé API est requise',
  keyInvalid: 'Clé API incorrecte',
  deactivated: 'Compte désactivé',
  blocked: 'Compte bloqué',
  apiRefused: "Accès à l'API refusé",
  ipRefused: 'Adresse IP non autorisée',
  credit: 'Crédit insuffisant',
  malformed: 'JSON mal formé (erreur de syntaxe)',
} as const;

/** Status used when `errorStatus` is `'mapped'`. */
export function mappedStatus(error: ApiError): number {
  switch (error.kind) {
    case 'auth':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    default:
      return 400;
  }
}
