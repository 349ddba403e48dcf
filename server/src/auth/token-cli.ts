/**
 * `npm run token -- <command> [options]`: manages API tokens through a running server's API,
 * as an ADMIN (the token in `--token` or ION_TOKEN, e.g. the demo token `npm start` prints).
 *
 *   create --name NAME --roles INGEST[,SCIENTIST…] [--expires 2027-01-01T00:00:00Z]
 *          prints the new token once (JSON); it cannot be read again
 *   list   prints the tokens (never their secrets)
 *   revoke ID
 *
 * `--url` defaults to http://localhost:4000/graphql.
 */
import { parseArgs } from 'node:util';
import { graphqlClient } from '../graphql/graphql-client';
import { ALL_ROLES, type Role } from './roles';

const TOKEN_FIELDS = 'id name roles createdBy createdAt expiresAt revokedAt revokedBy';
const USAGE = `usage: npm run token -- create --name NAME --roles ROLE[,ROLE] [--expires ISO-TIME]
       npm run token -- list
       npm run token -- revoke ID
options: --url GRAPHQL_URL (default http://localhost:4000/graphql), --token ADMIN_TOKEN (default $ION_TOKEN)
roles: ${ALL_ROLES.join(', ')}`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:4000/graphql' },
    token: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'string' },
    expires: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...rest] = positionals;
if (values.help || !command) fail(USAGE);
const token = values.token ?? process.env.ION_TOKEN;
if (!token) fail(`No admin token: pass --token or set ION_TOKEN (npm start prints one).\n${USAGE}`);
const gql = graphqlClient(values.url, token);
const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

try {
  switch (command) {
    case 'create': {
      if (!values.name || !values.roles) fail(`create needs --name and --roles.\n${USAGE}`);
      const roles = values.roles.split(',').map((role) => role.trim().toUpperCase());
      const unknown = roles.filter((role) => !ALL_ROLES.includes(role as Role));
      if (unknown.length) fail(`unknown roles: ${unknown.join(', ')} (known: ${ALL_ROLES.join(', ')})`);
      const data = await gql<{ createApiToken: unknown }>(
        `mutation Create($name: String!, $roles: [Role!]!, $expiresAt: DateTime) { createApiToken(name: $name, roles: $roles, expiresAt: $expiresAt) { secret token { ${TOKEN_FIELDS} } } }`,
        { name: values.name, roles, expiresAt: values.expires ?? null },
      );
      print(data.createApiToken);
      break;
    }
    case 'list':
      print((await gql<{ apiTokens: unknown[] }>(`query Tokens { apiTokens { ${TOKEN_FIELDS} } }`)).apiTokens);
      break;
    case 'revoke': {
      if (rest.length !== 1) fail(`revoke needs one token id.\n${USAGE}`);
      print(
        (await gql<{ revokeApiToken: unknown }>(`mutation Revoke($id: String!) { revokeApiToken(id: $id) { ${TOKEN_FIELDS} } }`, { id: rest[0] }))
          .revokeApiToken,
      );
      break;
    }
    default:
      fail(`unknown command '${command}'.\n${USAGE}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
