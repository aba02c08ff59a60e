import { UserPool } from "pulumi-cognito-userpool";
import { usersPoolArgs } from "./pool";

const users = new UserPool("users", usersPoolArgs);

export const userPoolId = users.id;
export const userPoolArn = users.arn;
export const issuer = users.endpoint;
export const declaredFields = users.declaredFields;
