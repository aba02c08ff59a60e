/**
 * The quickstart: a pool with a password policy, email sign-in and a custom attribute (pool.ts),
 * and a prefix domain that serves its hosted sign-in pages at
 * https://<prefix>.auth.<region>.amazoncognito.com.
 */
import * as pulumi from "@pulumi/pulumi";
import { UserPool, UserPoolDomain } from "pulumi-cognito-userpool";
import { usersPoolArgs } from "./pool";

const config = new pulumi.Config();

const users = new UserPool("users", usersPoolArgs);

// `npm run demo` deploys this stack to cognito-local, which has no domain API: the domain is left
// out when the Cognito endpoint is overridden, and `pulumi config set domain false` leaves it out
// anywhere. Prefixes are unique per region across all AWS accounts, hence the stack name in it
// (`pulumi config set domainPrefix <prefix>` to choose another; aws, amazon and cognito are reserved).
const withDomain = config.getBoolean("domain") ?? process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER === undefined;
const login = withDomain
    ? new UserPoolDomain("login", {
          domain: config.get("domainPrefix") ?? `acme-login-${pulumi.getStack()}`,
          userPoolId: users.id, // also orders pulumi destroy: the domain goes first
      })
    : undefined;

export const userPoolId = users.id;
export const userPoolArn = users.arn;
export const issuer = users.issuerUrl;
export const declaredFields = users.declaredFields;
/** https://acme-login-<stack>.auth.<region>.amazoncognito.com (null when the domain is left out). */
export const hostedUiUrl = login ? login.hostedUiUrl : null;
