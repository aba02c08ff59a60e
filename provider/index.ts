/**
 * Amazon Cognito user pools as code: Pulumi dynamic resources whose diffs come from what
 * DescribeUserPool reports and whose updates are full-state UpdateUserPool calls.
 */
export { UserPool, UserPoolArgs, UserPoolComputedOutputs } from "./userPool/resource";
export { userPoolProvider } from "./providers";
export * as userPoolInputs from "./userPool/inputs.generated";
export { UserPoolDomain, UserPoolDomainArgs, UserPoolDomainComputedOutputs } from "./userPoolDomain/resource";
export { userPoolDomainProvider } from "./providers";
export * as userPoolDomainInputs from "./userPoolDomain/inputs.generated";
