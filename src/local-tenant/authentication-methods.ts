/**
 * A user's authentication methods, as `GET /api/v2/users/{id}/authentication-methods` lists them
 * (the specification's `UserAuthenticationMethod`, the fields the local tenant models).
 */
export interface AuthenticationMethod {
  id: string;
  /** The specification's `AuthenticationMethodTypeEnum`: `totp`, `phone`, `email`, `webauthn-roaming`, ... */
  type: string;
  confirmed?: boolean;
  created_at: string;
}

/** A method a seed enrols for a user id. */
export interface SeedAuthenticationMethod {
  user_id: string;
  type: string;
  confirmed?: boolean;
}

// Ways of signing in to a database connection, not factors of MFA.
const signInTypes = new Set(["password", "passkey"]);

// Auth0 clears `multifactor` when the only factors are email or WebAuthn (support article "Users
// with MFA but multifactor[] is Missing", community.auth0.com/t/136610).
const factorsMultifactorOmits = new Set(["email", "webauthn-roaming", "webauthn-platform"]);

/**
 * The user object's `multifactor` for these methods: `["guardian"]` when a factor other than
 * email or WebAuthn is enrolled (Guardian is the provider Auth0 names for its own factors), an
 * empty list when the only factors are email or WebAuthn, absent when there is no factor.
 */
export function multifactorOf(methods: readonly AuthenticationMethod[]): string[] | undefined {
  const factors = methods.filter((method) => !signInTypes.has(method.type));
  if (factors.length === 0) return undefined;
  return factors.some((method) => !factorsMultifactorOmits.has(method.type)) ? ["guardian"] : [];
}

// The post-login event names factors by the enrolment type Auth0's MFA API uses.
const enrolledFactorTypes: Readonly<Record<string, string>> = {
  totp: "otp",
  push: "push-notification",
  guardian: "push-notification",
};

/** `event.user.enrolledFactors` for these methods: every factor, email and WebAuthn included. */
export function enrolledFactorsOf(methods: readonly AuthenticationMethod[]): { type: string }[] {
  return methods
    .filter((method) => !signInTypes.has(method.type))
    .map((method) => ({ type: enrolledFactorTypes[method.type] ?? method.type }));
}

/** Every user's enrolled methods, by user id. */
export class EnrolledMethods {
  readonly #byUser = new Map<string, AuthenticationMethod[]>();

  of(userId: string): AuthenticationMethod[] {
    return structuredClone(this.#byUser.get(userId) ?? []);
  }

  enrolledFactorsOf(userId: string): { type: string }[] {
    return enrolledFactorsOf(this.#byUser.get(userId) ?? []);
  }

  /** Adds a method to a user's; the answer is the user's `multifactor` with it. */
  enroll(userId: string, method: AuthenticationMethod): string[] | undefined {
    const methods = this.#byUser.get(userId) ?? [];
    methods.push(method);
    this.#byUser.set(userId, methods);
    return multifactorOf(methods);
  }

  forget(userId: string): void {
    this.#byUser.delete(userId);
  }
}
