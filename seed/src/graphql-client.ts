/** A minimal GraphQL-over-HTTP client for benchmarks: one POST, errors thrown with their codes. */
export function graphqlClient(url: string) {
  return async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
