/**
 * 1. API calls per operation. Each scenario runs through the engine harness, which drives the
 * Pulumi SDK's real dynamic-provider host over gRPC; the provider process counts its own AWS calls
 * with the SDK middleware switched on by COGNITO_PROVIDER_CALL_LOG. Pools go to cognito-local;
 * domains to moto (cognito-local has no domain API) behind tests/support/motoCognito.ts.
 */
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DeleteUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Engine, OperationResult, ResourceSpec } from "../../tests/harness/engine";
import type { PropertyMap } from "../../tests/harness/providerHost";
import { BenchContext, CallLog, credentials, hostOptions } from "../context";
import { startMotoCognito } from "../../tests/support/motoCognito";
import {
    passkeyPool,
    plainPool,
    prefixDomain,
    totpPool,
    updateEnableTotp,
    updateManyFields,
    updateNewSchemaAttribute,
    updateOneField,
} from "../fixtures";
import type { ApiCallRow } from "../results";

type Resource = ApiCallRow["resource"];

function stepsOf(result: OperationResult): string[] {
    return result.steps.map((s) => s.op);
}

export async function measureApiCalls(ctx: BenchContext): Promise<ApiCallRow[]> {
    const moto = await startMotoCognito();
    const rows: ApiCallRow[] = [];
    const engines: Engine[] = [];
    const engineFor = (stack: string, log: CallLog, endpoint = ctx.emulatorEndpoint): Engine => {
        const engine = new Engine({ ...hostOptions(ctx, stack, endpoint, { COGNITO_PROVIDER_CALL_LOG: log.file }), processPerOperation: false });
        engines.push(engine);
        return engine;
    };
    const record = (
        resource: Resource,
        operation: string,
        log: CallLog,
        result: OperationResult,
        expectedStep: string,
        budget: number | undefined,
        budgetNote: string,
    ): ApiCallRow => {
        const sequence = log.take();
        const row: ApiCallRow = { resource, operation, calls: sequence.length, sequence, budget, budgetNote, engineSteps: stepsOf(result), expectedStep };
        rows.push(row);
        ctx.log(`  ${resource} ${operation}: ${sequence.length} call(s) [${sequence.join(", ")}]`);
        return row;
    };
    /** A no-change preview after an operation: it must find nothing to do and make no call. */
    const converged = async (engine: Engine, specs: ResourceSpec[], log: CallLog): Promise<boolean> => {
        const preview = await engine.preview(specs);
        const calls = log.take();
        return calls.length === 0 && preview.steps.every((s) => s.op === "same");
    };

    try {
        // --- UserPool: create, preview, refresh, updates, delete -------------------------------------------
        const poolLog = new CallLog(ctx.tmpDir, "pool");
        const poolEngine = engineFor("bench-calls", poolLog);
        const pool = (inputs: PropertyMap): ResourceSpec[] => [{ name: "pool", provider: ctx.userPoolProvider, module: "cognito", type: "UserPool", inputs }];
        let inputs = plainPool("bench-calls-plain");

        let row = record("UserPool", "create (plain)", poolLog, await poolEngine.up(pool(inputs)), "create", 1, "CreateUserPool");
        row.convergedAfter = await converged(poolEngine, pool(inputs), poolLog);
        record("UserPool", "no-change preview", poolLog, await poolEngine.preview(pool(inputs)), "same", 0, "check and diff make no call");
        record("UserPool", "refresh (no MFA factor declared)", poolLog, await poolEngine.refresh(), "same", 1, "DescribeUserPool");

        const updates: Array<[string, (p: PropertyMap) => PropertyMap, number, string]> = [
            ["update: one field", updateOneField, 2, "Describe + Update"],
            ["update: six fields", updateManyFields, 2, "Describe + Update"],
            // AddCustomAttributes goes first, so the one Describe that feeds the full-state update
            // also reads back how AWS named and filled the new attribute (outputs exact, no change
            // on the next refresh).
            ["update: new schema attribute", updateNewSchemaAttribute, 3, "AddCustomAttributes + Describe (also reads back AWS's attribute definitions) + Update"],
            ["update: turn on TOTP MFA", updateEnableTotp, 4, "Describe + Update + GetUserPoolMfaConfig + SetUserPoolMfaConfig"],
        ];
        for (const [operation, change, budget, note] of updates) {
            inputs = change(inputs);
            row = record("UserPool", operation, poolLog, await poolEngine.up(pool(inputs)), "update", budget, note);
            row.convergedAfter = await converged(poolEngine, pool(inputs), poolLog);
        }
        record("UserPool", "refresh (TOTP factor declared)", poolLog, await poolEngine.refresh(), "same", 2, "DescribeUserPool + GetUserPoolMfaConfig");
        record("UserPool", "delete", poolLog, await poolEngine.destroy(), "delete", 1, "DeleteUserPool");

        const totpLog = new CallLog(ctx.tmpDir, "totp");
        const totpEngine = engineFor("bench-calls-totp", totpLog);
        const totp = pool(totpPool("bench-calls-totp"));
        row = record("UserPool", "create (TOTP MFA)", totpLog, await totpEngine.up(totp), "create", 2, "CreateUserPool + SetUserPoolMfaConfig");
        row.convergedAfter = await converged(totpEngine, totp, totpLog);
        await totpEngine.destroy();
        totpLog.take();

        // The refresh of a pool declaring a factor field only GetUserPoolMfaConfig reports (email
        // MFA, passkey settings): one read more than a pool that declares none.
        const passkeyLog = new CallLog(ctx.tmpDir, "passkeys");
        const passkeyEngine = engineFor("bench-calls-passkeys", passkeyLog);
        const passkeys = pool(passkeyPool("bench-calls-passkeys"));
        row = record("UserPool", "create (passkey settings declared at AWS's defaults)", passkeyLog, await passkeyEngine.up(passkeys), "create", 1, "CreateUserPool (a new pool has them: no SetUserPoolMfaConfig)");
        row.convergedAfter = await converged(passkeyEngine, passkeys, passkeyLog);
        record("UserPool", "refresh (email MFA or passkey settings declared)", passkeyLog, await passkeyEngine.refresh(), "same", 2, "DescribeUserPool + GetUserPoolMfaConfig");
        await passkeyEngine.destroy();
        passkeyLog.take();

        // --- UserPoolDomain: on a pool made directly in moto ---------------------------------------------
        const client = new CognitoIdentityProviderClient({ region: ctx.region, endpoint: moto.endpoint, credentials });
        const created = await client.send(new CreateUserPoolCommand({ PoolName: "bench-calls-domain-pool" }));
        const userPoolId = String(created.UserPool?.Id);
        try {
            const domainLog = new CallLog(ctx.tmpDir, "domain");
            const domainEngine = engineFor("bench-calls-domain", domainLog, moto.endpoint);
            const domain = (version: 1 | 2): ResourceSpec[] => [
                { name: "domain", provider: ctx.userPoolDomainProvider, module: "cognito", type: "UserPoolDomain", inputs: prefixDomain("bench-login", userPoolId, version) },
            ];
            // The budgets (create 1, update Describe + Update, delete 1, +1 per extra API an
            // operation needs) plus the one Describe that confirms the domain ACTIVE or gone: the
            // emulator answers on the first poll, so these are the minimum; AWS may need more polls.
            const polls = "(+1 Describe per extra poll on AWS)";
            row = record("UserPoolDomain", "create", domainLog, await domainEngine.up(domain(1)), "create", 2, `CreateUserPoolDomain + Describe until ACTIVE ${polls}`);
            row.convergedAfter = await converged(domainEngine, domain(1), domainLog);
            record("UserPoolDomain", "no-change preview", domainLog, await domainEngine.preview(domain(1)), "same", 0, "none");
            record("UserPoolDomain", "refresh", domainLog, await domainEngine.refresh(), "same", 1, "DescribeUserPoolDomain");
            row = record("UserPoolDomain", "update (managedLoginVersion)", domainLog, await domainEngine.up(domain(2)), "update", 3, `Describe + UpdateUserPoolDomain + Describe until ACTIVE ${polls}`);
            row.convergedAfter = await converged(domainEngine, domain(2), domainLog);
            record("UserPoolDomain", "delete", domainLog, await domainEngine.destroy(), "delete", 2, `DeleteUserPoolDomain + Describe until gone ${polls}`);
        } finally {
            await client.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId })).catch(() => undefined);
            client.destroy();
        }
    } finally {
        for (const engine of engines) {
            if (engine.state.length > 0) await engine.destroy().catch(() => undefined);
            await engine.close();
        }
        await moto.stop();
    }
    return rows;
}
