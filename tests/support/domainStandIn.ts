/**
 * A local stand-in for Cognito's user pool domain API, which cognito-local does not implement.
 * It answers CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain and
 * DeleteUserPoolDomain itself, in the JSON protocol the AWS SDK speaks, and forwards every other
 * operation to the upstream emulator. So the provider under test makes real SDK calls (through
 * its call-counting middleware) for domains too.
 *
 * Domains settle at once: a new or updated domain is ACTIVE on the first DescribeUserPoolDomain
 * and a deleted one is gone, unless `deletingPolls` keeps a deleted domain DELETING for that many
 * reads. The call counts measured through it are therefore the minimum; on AWS every extra poll
 * of a wait adds one DescribeUserPoolDomain. Like AWS, it refuses to delete a pool that still has
 * a domain.
 */
import * as http from "http";
import { listenOnLoopback } from "./loopback";

export interface DomainStandIn {
    endpoint: string;
    /** Operations answered or forwarded, in order. */
    operations: string[];
    stop(): Promise<void>;
}

interface StoredDomain {
    Domain: string;
    UserPoolId: string;
    Status: "ACTIVE" | "DELETING";
    ManagedLoginVersion: number;
    CustomDomainConfig?: { CertificateArn: string };
    AWSAccountId: string;
    CloudFrontDistribution: string;
    S3Bucket: string;
    Version: string;
}

type Json = Record<string, unknown>;

const ACCOUNT = "123456789012";

export async function startDomainStandIn(upstream: string, options: { deletingPolls?: number } = {}): Promise<DomainStandIn> {
    const target = new URL(upstream);
    if (!["127.0.0.1", "localhost"].includes(target.hostname)) throw new Error("the domain stand-in only forwards to loopback");
    const domains = new Map<string, StoredDomain>();
    /** Reads left before a deleted domain disappears. */
    const deleting = new Map<string, number>();
    const operations: string[] = [];

    function answer(res: http.ServerResponse, status: number, body: Json, errorType?: string): void {
        const text = JSON.stringify(body);
        const headers: http.OutgoingHttpHeaders = { "content-type": "application/x-amz-json-1.1", "content-length": Buffer.byteLength(text) };
        if (errorType) headers["x-amzn-errortype"] = errorType;
        res.writeHead(status, headers);
        res.end(text);
    }

    function fail(res: http.ServerResponse, type: string, message: string): void {
        answer(res, 400, { __type: type, message }, type);
    }

    function handle(operation: string, request: Json, res: http.ServerResponse): boolean {
        const name = typeof request.Domain === "string" ? request.Domain : "";
        switch (operation) {
            case "CreateUserPoolDomain": {
                if (domains.has(name)) {
                    fail(res, "InvalidParameterException", "Domain already associated with another user pool.");
                    return true;
                }
                const certificate = (request.CustomDomainConfig as { CertificateArn?: string } | undefined)?.CertificateArn;
                const stored: StoredDomain = {
                    Domain: name,
                    UserPoolId: String(request.UserPoolId),
                    Status: "ACTIVE",
                    ManagedLoginVersion: typeof request.ManagedLoginVersion === "number" ? request.ManagedLoginVersion : 1,
                    ...(certificate ? { CustomDomainConfig: { CertificateArn: certificate } } : {}),
                    AWSAccountId: ACCOUNT,
                    CloudFrontDistribution: certificate ? "d111111abcdef8.cloudfront.net" : "dpp0gtxikpq3y.cloudfront.net",
                    S3Bucket: "aws-cognito-prod-iad-assets",
                    Version: "20250101000000",
                };
                domains.set(name, stored);
                answer(res, 200, { ManagedLoginVersion: stored.ManagedLoginVersion, ...(certificate ? { CloudFrontDomain: stored.CloudFrontDistribution } : {}) });
                return true;
            }
            case "DescribeUserPoolDomain": {
                const stored = domains.get(name);
                const left = deleting.get(name);
                if (stored && left !== undefined) {
                    if (left <= 0) {
                        domains.delete(name);
                        deleting.delete(name);
                        answer(res, 200, { DomainDescription: {} });
                        return true;
                    }
                    deleting.set(name, left - 1);
                }
                // AWS answers a missing domain with an empty description, not an error.
                answer(res, 200, { DomainDescription: stored ? { ...stored, CustomDomainConfig: stored.CustomDomainConfig ?? {} } : {} });
                return true;
            }
            case "UpdateUserPoolDomain": {
                const stored = domains.get(name);
                if (!stored || stored.UserPoolId !== request.UserPoolId) {
                    fail(res, "ResourceNotFoundException", `Domain ${name} does not exist for user pool ${String(request.UserPoolId)}.`);
                    return true;
                }
                if (typeof request.ManagedLoginVersion === "number") stored.ManagedLoginVersion = request.ManagedLoginVersion;
                const certificate = (request.CustomDomainConfig as { CertificateArn?: string } | undefined)?.CertificateArn;
                if (certificate) stored.CustomDomainConfig = { CertificateArn: certificate };
                answer(res, 200, { ManagedLoginVersion: stored.ManagedLoginVersion, CloudFrontDomain: stored.CloudFrontDistribution });
                return true;
            }
            case "DeleteUserPoolDomain": {
                const stored = domains.get(name);
                if (!stored || stored.UserPoolId !== request.UserPoolId) {
                    fail(res, "InvalidParameterException", "No such domain or user pool exists.");
                    return true;
                }
                if (options.deletingPolls) {
                    stored.Status = "DELETING";
                    deleting.set(name, options.deletingPolls);
                } else {
                    domains.delete(name);
                }
                answer(res, 200, {});
                return true;
            }
            case "DeleteUserPool": {
                // AWS: "User pool cannot be deleted. It has a domain configured that should be deleted first."
                if ([...domains.values()].some((d) => d.UserPoolId === request.UserPoolId)) {
                    fail(res, "InvalidParameterException", "User pool cannot be deleted. It has a domain configured that should be deleted first.");
                    return true;
                }
                return false;
            }
            default:
                return false;
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
            if (handle(operation, request, res)) return;
            const upstreamRequest = http.request(
                { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
                (upstreamResponse) => {
                    res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
                    upstreamResponse.pipe(res);
                },
            );
            upstreamRequest.on("error", (error) => answer(res, 502, { __type: "InternalErrorException", message: `upstream: ${error.message}` }, "InternalErrorException"));
            upstreamRequest.end(body);
        });
    });
    const listening = await listenOnLoopback(server);
    return {
        endpoint: listening.endpoint,
        operations,
        stop: listening.stop,
    };
}
