/**
 * A minimal GraphQL-over-HTTP client for the token CLI, the seed loader and benchmarks: one
 * POST, errors thrown with their codes. `token` (an API token or a JWT) goes in
 * `Authorization: Bearer`.
 */
export function graphqlClient(url: string, token?: string) {
  return async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length) {
      const first = body.errors[0]!;
      throw new Error(`${first.extensions?.code ?? 'ERROR'}: ${first.message}`);
    }
    return body.data as T;
  };
}
