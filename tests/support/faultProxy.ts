/**
 * A fault-injection HTTP proxy for the Cognito JSON protocol, in front of cognito-local. Per
 * operation (the X-Amz-Target action) and by schedule it can answer with an AWS-shaped error,
 * throttle, delay, forward the request but drop the response, or reset the connection.
 * Loopback only; every rule is bounded by a count, and the proxy stops with the test.
 */
import * as http from "http";
import { listenOnLoopback } from "./loopback";

export type FaultAction =
    /** Answer with an AWS error of this type and message; the request never reaches the emulator. */
    | { kind: "error"; type: string; message: string; status?: number; beforeAnswer?: () => Promise<void> }
    /** Forward the request, wait for the emulator's answer, then destroy the connection. */
    | { kind: "drop-response" }
    /** Destroy the connection without forwarding. */
    | { kind: "reset" }
    /** Forward after a delay. */
    | { kind: "delay"; ms: number };

export interface FaultRule {
    /** Operation name, e.g. "SetUserPoolMfaConfig", or "*". */
    operation: string;
    action: FaultAction;
    /** Skip this many matching requests before the rule applies (default 0). */
    after?: number;
    /** Apply to this many matching requests, then stop (default 1). */
    times?: number;
}

export interface ProxyRecord {
    operation: string;
    outcome: "forwarded" | "error" | "drop-response" | "reset" | "throttled";
    /** When the whole request had arrived (epoch ms), whatever the outcome: for timelines of a run. */
    at: number;
}

export interface FaultProxy {
    endpoint: string;
    /** Every request the proxy saw, in order. */
    records: ProxyRecord[];
    addRule(rule: FaultRule): void;
    clearRules(): void;
    /** Pool writes above this rate per second answer TooManyRequestsException (Cognito's 15/s quota). */
    setWriteRateLimit(perSecond: number | undefined): void;
    /** Requests of `category` above this rate per second answer TooManyRequestsException; undefined lifts the limit. */
    setCategoryRateLimit(category: QuotaCategory, perSecond: number | undefined): void;
    stop(): Promise<void>;
}

export type QuotaCategory = "UserPoolRead" | "UserPoolUpdate";

/**
 * Cognito's request-rate categories for the operations the provider uses (developer guide,
 * "Quotas in Amazon Cognito"): reads of pools and writes of pools, 15/s each per account and
 * region, counted separately. Kept apart from the provider's own table on purpose: this proxy
 * plays AWS, so a call the provider forgets to pace is still throttled here.
 */
const CATEGORIES: Record<string, QuotaCategory> = {
    DescribeUserPool: "UserPoolRead",
    GetUserPoolMfaConfig: "UserPoolRead",
    ListUserPools: "UserPoolRead",
    DescribeUserPoolDomain: "UserPoolRead",
    CreateUserPool: "UserPoolUpdate",
    UpdateUserPool: "UserPoolUpdate",
    DeleteUserPool: "UserPoolUpdate",
    AddCustomAttributes: "UserPoolUpdate",
    SetUserPoolMfaConfig: "UserPoolUpdate",
    CreateUserPoolDomain: "UserPoolUpdate",
    UpdateUserPoolDomain: "UserPoolUpdate",
    DeleteUserPoolDomain: "UserPoolUpdate",
};
/** Bounds: the proxy refuses to run away in a broken test. */
const MAX_REQUESTS = 20000;

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
    const target = new URL(upstream);
    if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("the fault proxy only forwards to loopback");
    const rules: Array<FaultRule & { seen: number; applied: number }> = [];
    const records: ProxyRecord[] = [];
    /** Per category: the limit, and the one-second window being counted. */
    const limits = new Map<QuotaCategory, { perSecond: number; windowStart: number; inWindow: number }>();

    function throttled(operation: string): boolean {
        const category = CATEGORIES[operation];
        const limit = category === undefined ? undefined : limits.get(category);
        if (!limit) return false;
        const now = Date.now();
        if (now - limit.windowStart >= 1000) {
            limit.windowStart = now;
            limit.inWindow = 0;
        }
        limit.inWindow++;
        return limit.inWindow > limit.perSecond;
    }

    function setLimit(category: QuotaCategory, perSecond: number | undefined): void {
        if (perSecond === undefined) limits.delete(category);
        else limits.set(category, { perSecond, windowStart: Date.now(), inWindow: 0 });
    }

    function ruleFor(operation: string): FaultAction | undefined {
        for (const rule of rules) {
            if (rule.operation !== operation && rule.operation !== "*") continue;
            rule.seen++;
            if (rule.seen <= (rule.after ?? 0)) continue;
            if (rule.applied >= (rule.times ?? 1)) continue;
            rule.applied++;
            return rule.action;
        }
        return undefined;
    }

    function sendError(res: http.ServerResponse, type: string, message: string, status = 400): void {
        const body = JSON.stringify({ __type: type, message });
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": type, "content-length": Buffer.byteLength(body) });
        res.end(body);
    }

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
            const operation = String(req.headers["x-amz-target"] ?? "").split(".").pop() ?? "";
            const at = Date.now();
            if (records.length >= MAX_REQUESTS) {
                sendError(res, "InternalErrorException", "fault proxy request bound reached", 500);
                return;
            }
            if (throttled(operation)) {
                records.push({ operation, outcome: "throttled", at });
                sendError(res, "TooManyRequestsException", "Too many requests");
                return;
            }
            const action = ruleFor(operation);
            if (action?.kind === "error") {
                records.push({ operation, outcome: "error", at });
                // beforeAnswer lets a test act as a concurrent writer while this request "fails".
                void (action.beforeAnswer ?? (async () => undefined))().then(
                    () => sendError(res, action.type, action.message, action.status),
                    (error: Error) => sendError(res, "InternalErrorException", `beforeAnswer failed: ${error.message}`, 500),
                );
                return;
            }
            if (action?.kind === "reset") {
                records.push({ operation, outcome: "reset", at });
                req.socket.destroy();
                return;
            }
            const forward = () => {
                const body = Buffer.concat(chunks);
                const upstreamRequest = http.request(
                    { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } },
                    (upstreamResponse) => {
                        const answer: Buffer[] = [];
                        upstreamResponse.on("data", (c: Buffer) => answer.push(c));
                        upstreamResponse.on("end", () => {
                            if (action?.kind === "drop-response") {
                                records.push({ operation, outcome: "drop-response", at });
                                req.socket.destroy();
                                return;
                            }
                            records.push({ operation, outcome: "forwarded", at });
                            res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
                            res.end(Buffer.concat(answer));
                        });
                    },
                );
                upstreamRequest.on("error", (error) => sendError(res, "InternalErrorException", `upstream: ${error.message}`, 502));
                upstreamRequest.end(body);
            };
            if (action?.kind === "delay") setTimeout(forward, Math.min(action.ms, 30000));
            else forward();
        });
    });
    const listening = await listenOnLoopback(server);
    return {
        endpoint: listening.endpoint,
        records,
        addRule: (rule) => rules.push({ ...rule, seen: 0, applied: 0 }),
        clearRules: () => rules.splice(0),
        setWriteRateLimit: (perSecond) => setLimit("UserPoolUpdate", perSecond),
        setCategoryRateLimit: setLimit,
        stop: listening.stop,
    };
}
