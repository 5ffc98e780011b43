// The README's TypeScript example, checked by `tsc -p runtime/typescript`
// (against the test catalogue; the README imports the generated package).

import { ApiError, AuthError, RetryBudget, RetryPolicy, ValidationError, fetchWithRetry } from "./index.js";

const policy = new RetryPolicy({ maxAttempts: 4 }); // 0.5 s, 1 s, 2 s backoff with jitter; hints capped at 5 min
const budget = new RetryBudget(); // shared by every request: a long outage stops all retrying

/** Fetches the signed-in user, retrying what can be retried; says what to do about the rest. */
export async function me(token: string): Promise<unknown> {
  try {
    const res = await fetchWithRetry("https://api.example.com/v1/me", { headers: { authorization: `Bearer ${token}` } }, { policy, budget });
    return await res.json();
  } catch (err) {
    if (err instanceof AuthError && err.requiresReauth) return { signIn: true };
    if (err instanceof ValidationError) return { fix: err.fieldErrors.map((f) => `${f.field}: ${f.message}`) };
    if (err instanceof ApiError && err.code === "AUTH_INVALID_KEY") return { rotateKey: err.info?.resolution };
    throw err; // retries used up or not retryable: err.kind, err.retryAfterMs, err.requestId say why
  }
}
