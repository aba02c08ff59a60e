/**
 * Cognito with the user pool domain API, for tests: moto's server (pools and domains, which
 * cognito-local lacks) behind a thin loopback proxy that adds only what moto 5.2.5 does not model
 * and these tests need. Each gap was seen against moto itself:
 *
 * 1. DescribeUserPoolDomain leaves out ManagedLoginVersion and CustomDomainConfig: the proxy
 *    adds what CreateUserPoolDomain / UpdateUserPoolDomain were sent (AWS's default version is 1).
 * 2. moto invents a new AWSAccountId on every DescribeUserPoolDomain and answers S3Bucket and
 *    Version as null: the proxy reports one account and drops the nulls, as AWS would.
 * 3. Domains are ACTIVE at once and gone at once. AWS takes time: with `creatingPolls` /
 *    `deletingPolls` the next reads of a new, updated or deleted domain say CREATING, UPDATING or
 *    DELETING, so waits and their progress lines run.
 * 4. CreateUserPoolDomain for a name that exists replaces it silently; AWS refuses.
 * 5. DeleteUserPool deletes a pool that still has a domain; AWS refuses ("User pool cannot be
 *    deleted. It has a domain configured that should be deleted first.").
 * 6. DeleteUserPool deletes a pool whose DeletionProtection is ACTIVE; AWS refuses.
 * 7. MfaConfiguration is two settings in moto: CreateUserPool / UpdateUserPool set the one
 *    DescribeUserPool reports, SetUserPoolMfaConfig the one GetUserPoolMfaConfig reports. AWS has
 *    one: the proxy reports the last one written through either call in both.
 * 8. UpdateUserPool wipes what moto stored of UsernameAttributes, AliasAttributes and
 *    UsernameConfiguration, which AWS never changes after creation: the proxy sends moto's own
 *    values with every UpdateUserPool.
 * 9. SetUserPoolMfaConfig drops EmailMfaConfiguration and WebAuthnConfiguration, and
 *    GetUserPoolMfaConfig reports neither: the proxy keeps what the last SetUserPoolMfaConfig was
 *    sent of them (AWS replaces the whole MFA setup, so a member not sent is gone; email MFA only
 *    with MFA on) and adds it to both answers, passkey settings with the defaults AWS reports
 *    (user verification preferred, a single factor).
 *
 * Everything else (pools, their ids and settings, domain storage, the pool-existence check of
 * CreateUserPoolDomain) is moto's.
 */
import * as http from "http";
import { listenOnLoopback } from "./loopback";
import { Moto, startMoto } from "./moto";

export interface MotoCognito {
    /** The proxy: point the provider here. */
    endpoint: string;
    /** Every operation the proxy received, in order. */
    operations: string[];
    stop(): Promise<void>;
}

export interface MotoCognitoOptions {
    /** Reads of a new (or updated) domain that still report CREATING (UPDATING). */
    creatingPolls?: number;
    /** Reads of a deleted domain that still report DELETING before it is gone. */
    deletingPolls?: number;
}

type Json = Record<string, unknown>;

/** moto's default account: the one its ARNs carry. */
const ACCOUNT = "123456789012";

interface KnownDomain {
    userPoolId: string;
    managedLoginVersion: number;
    customDomainConfig?: Json;
    /** Reads left that report `transient` instead of what moto says. */
    pendingReads: number;
    transient?: "CREATING" | "UPDATING" | "DELETING";
    /** The last description, kept to report a deleted domain as DELETING. */
    lastDescription?: Json;
    deleted: boolean;
}

export async function startMotoCognito(options: MotoCognitoOptions = {}): Promise<MotoCognito> {
    const moto: Moto = await startMoto();
    const upstream = new URL(moto.endpoint);
    const domains = new Map<string, KnownDomain>();
    /** The pool's MFA setting, as last written by any call (gap 7). */
    const mfaByPool = new Map<string, string>();
    /** The email MFA and passkey settings of each pool, as the last SetUserPoolMfaConfig was sent them (gap 9). */
    const emailAndPasskeys = new Map<string, Json>();
    const operations: string[] = [];

    function answer(res: http.ServerResponse, status: number, body: Json, errorType?: string): void {
        const text = JSON.stringify(body);
        const headers: http.OutgoingHttpHeaders = { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(text) };
        if (errorType) headers["x-amzn-errortype"] = errorType;
        res.writeHead(status, headers);
        res.end(text);
    }
    const fail = (res: http.ServerResponse, type: string, message: string): void => answer(res, 400, { __type: type, message }, type);

    function forward(req: http.IncomingMessage, body: Buffer, headers = req.headers): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
        return new Promise((resolve, reject) => {
            const upstreamRequest = http.request(
                { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...headers, host: upstream.host } },
                (response) => {
                    const chunks: Buffer[] = [];
                    response.on("data", (chunk: Buffer) => chunks.push(chunk));
                    response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
                    response.on("error", reject);
                },
            );
            upstreamRequest.on("error", reject);
            upstreamRequest.end(body);
        });
    }

    /** The pool as moto has it, read with the caller's request headers; undefined when moto has none. */
    async function describePool(req: http.IncomingMessage, userPoolId: string): Promise<Json | undefined> {
        const describe = Buffer.from(JSON.stringify({ UserPoolId: userPoolId }));
        const headers = { ...req.headers, "x-amz-target": "AWSCognitoIdentityProviderService.DescribeUserPool", "content-length": String(describe.length) };
        const response = await forward(req, describe, headers);
        if (response.status !== 200) return undefined;
        return (JSON.parse(response.body.toString("utf8")) as { UserPool?: Json }).UserPool;
    }

    const deletionProtected = async (req: http.IncomingMessage, userPoolId: string): Promise<boolean> =>
        (await describePool(req, userPoolId))?.DeletionProtection === "ACTIVE";

    /** The domain's description with the gaps filled (1, 2, 3); `{}` when it is gone. */
    function completeDescription(name: string, fromMoto: Json): Json {
        const known = domains.get(name);
        if (known?.deleted) {
            if (known.pendingReads > 0 && known.lastDescription) {
                known.pendingReads--;
                return { ...known.lastDescription, Status: "DELETING" };
            }
            domains.delete(name);
            return {};
        }
        if (Object.keys(fromMoto).length === 0) return {};
        const description: Json = {};
        for (const [key, value] of Object.entries(fromMoto)) if (value !== null) description[key] = value;
        description.AWSAccountId = ACCOUNT;
        description.ManagedLoginVersion = known?.managedLoginVersion ?? 1;
        description.CustomDomainConfig = known?.customDomainConfig ?? {};
        if (known && known.pendingReads > 0 && known.transient) {
            known.pendingReads--;
            description.Status = known.transient;
        }
        if (known) known.lastDescription = description;
        return description;
    }

    async function handle(operation: string, request: Json, req: http.IncomingMessage, received: Buffer, res: http.ServerResponse): Promise<void> {
        let body = received;
        const name = typeof request.Domain === "string" ? request.Domain : "";
        if (operation === "CreateUserPoolDomain" && domains.has(name) && !domains.get(name)?.deleted) {
            fail(res, "InvalidParameterException", "Domain already associated with another user pool.");
            return;
        }
        if (operation === "DeleteUserPool" && [...domains.values()].some((d) => !d.deleted && d.userPoolId === request.UserPoolId)) {
            fail(res, "InvalidParameterException", "User pool cannot be deleted. It has a domain configured that should be deleted first.");
            return;
        }
        if (operation === "DeleteUserPool" && (await deletionProtected(req, String(request.UserPoolId)))) {
            fail(res, "InvalidParameterException", "The user pool cannot be deleted because deletion protection is activated.");
            return;
        }
        if (operation === "UpdateUserPool") {
            const current = await describePool(req, String(request.UserPoolId));
            if (current) {
                for (const key of ["UsernameAttributes", "AliasAttributes", "UsernameConfiguration"]) {
                    if (current[key] !== undefined) request[key] = current[key];
                }
                body = Buffer.from(JSON.stringify(request));
                req.headers["content-length"] = String(body.length);
            }
        }
        const upstreamResponse = await forward(req, body);
        if (upstreamResponse.status !== 200) {
            res.writeHead(upstreamResponse.status, upstreamResponse.headers);
            res.end(upstreamResponse.body);
            return;
        }
        const parsed = (upstreamResponse.body.length > 0 ? JSON.parse(upstreamResponse.body.toString("utf8")) : {}) as Json;
        switch (operation) {
            case "CreateUserPool":
            case "UpdateUserPool": {
                const id = operation === "CreateUserPool" ? String((parsed.UserPool as Json | undefined)?.Id) : String(request.UserPoolId);
                if (typeof request.MfaConfiguration === "string") mfaByPool.set(id, request.MfaConfiguration);
                answer(res, 200, parsed);
                return;
            }
            case "SetUserPoolMfaConfig": {
                mfaByPool.set(String(request.UserPoolId), typeof request.MfaConfiguration === "string" ? request.MfaConfiguration : "OFF");
                const mfa = mfaByPool.get(String(request.UserPoolId));
                const kept: Json = {};
                const email = request.EmailMfaConfiguration;
                if (email && typeof email === "object" && mfa !== "OFF") kept.EmailMfaConfiguration = email;
                const passkeys = request.WebAuthnConfiguration;
                if (passkeys && typeof passkeys === "object") kept.WebAuthnConfiguration = { UserVerification: "preferred", FactorConfiguration: "SINGLE_FACTOR", ...passkeys };
                emailAndPasskeys.set(String(request.UserPoolId), kept);
                answer(res, 200, { ...parsed, MfaConfiguration: mfa, ...kept });
                return;
            }
            case "GetUserPoolMfaConfig": {
                const mfa = mfaByPool.get(String(request.UserPoolId));
                answer(res, 200, { ...parsed, ...(mfa ? { MfaConfiguration: mfa } : {}), ...emailAndPasskeys.get(String(request.UserPoolId)) });
                return;
            }
            case "DescribeUserPool": {
                const pool = parsed.UserPool as Json | undefined;
                const mfa = mfaByPool.get(String(request.UserPoolId));
                answer(res, 200, pool && mfa ? { ...parsed, UserPool: { ...pool, MfaConfiguration: mfa } } : parsed);
                return;
            }
            case "CreateUserPoolDomain": {
                const managedLoginVersion = typeof request.ManagedLoginVersion === "number" ? request.ManagedLoginVersion : 1;
                const custom = request.CustomDomainConfig as Json | undefined;
                domains.set(name, {
                    userPoolId: String(request.UserPoolId),
                    managedLoginVersion,
                    ...(custom && Object.keys(custom).length > 0 ? { customDomainConfig: custom } : {}),
                    pendingReads: options.creatingPolls ?? 0,
                    transient: "CREATING",
                    deleted: false,
                });
                answer(res, 200, { ...parsed, ManagedLoginVersion: managedLoginVersion });
                return;
            }
            case "UpdateUserPoolDomain": {
                const known = domains.get(name);
                if (known) {
                    if (typeof request.ManagedLoginVersion === "number") known.managedLoginVersion = request.ManagedLoginVersion;
                    const custom = request.CustomDomainConfig as Json | undefined;
                    if (custom && Object.keys(custom).length > 0) known.customDomainConfig = custom;
                    known.pendingReads = options.creatingPolls ?? 0;
                    known.transient = "UPDATING";
                }
                answer(res, 200, { ...parsed, ManagedLoginVersion: known?.managedLoginVersion ?? 1 });
                return;
            }
            case "DeleteUserPoolDomain": {
                const known = domains.get(name);
                if (known) {
                    known.deleted = true;
                    known.pendingReads = options.deletingPolls ?? 0;
                }
                answer(res, 200, parsed);
                return;
            }
            case "DescribeUserPoolDomain": {
                const description = completeDescription(name, (parsed.DomainDescription ?? {}) as Json);
                answer(res, 200, { DomainDescription: description });
                return;
            }
            default:
                res.writeHead(upstreamResponse.status, upstreamResponse.headers);
                res.end(upstreamResponse.body);
        }
    }

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const body = Buffer.concat(chunks);
            const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
            operations.push(operation);
            let request: Json = {};
            try {
                request = body.length > 0 ? (JSON.parse(body.toString("utf8")) as Json) : {};
            } catch {
                fail(res, "InvalidParameterException", "request body is not JSON");
                return;
            }
            handle(operation, request, req, body, res).catch((error: unknown) =>
                answer(res, 502, { __type: "InternalErrorException", message: `moto: ${error instanceof Error ? error.message : String(error)}` }, "InternalErrorException"),
            );
        });
    });
    const listening = await listenOnLoopback(server);
    return {
        endpoint: listening.endpoint,
        operations,
        async stop() {
            await listening.stop();
            await moto.stop();
        },
    };
}
