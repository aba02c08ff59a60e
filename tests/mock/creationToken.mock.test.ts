/**
 * The creation token that makes an interrupted create recoverable: check gives a new resource a
 * fresh token in its checked inputs (which the engine writes into the state as the pending create
 * before calling create), create sends exactly that token in the pool's tag, and nothing else
 * gets one, so a token always names one CreateUserPool. All of it without an AWS call beyond the
 * one CreateUserPool (the API-call budgets of a plain create are unchanged).
 */
import { CreateUserPoolCommand, CreateUserPoolCommandInput, ListUserPoolsCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { CREATION_TOKEN_INPUT, CREATION_TOKEN_TAG } from "../../provider/userPool/model";
import { check, create } from "../../provider/userPool/provider";
import { REGION, SERIALIZED_PROVIDER } from "./awsShapes";
import { commandNames } from "./fakeCognito";
import { useMockedCognito } from "./mockedCognito";

type Props = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const program: Props = { __provider: SERIALIZED_PROVIDER, poolName: "acme-users", userPoolTags: { team: "identity" } };

async function checked(olds: Props, news: Props): Promise<Props> {
    const result = await check(olds, news);
    expect(result.failures ?? []).to.deep.equal([]);
    return result.inputs as Props;
}

describe("the creation token: check records it for a new resource, create tags the pool with it", function () {
    const mocked = useMockedCognito(REGION);

    it("check gives a new resource (no stored inputs) a fresh token, a different one on every check", async () => {
        const first = await checked({}, program);
        const second = await checked({}, program);
        expect(first[CREATION_TOKEN_INPUT]).to.match(UUID);
        expect(second[CREATION_TOKEN_INPUT]).to.match(UUID);
        expect(first[CREATION_TOKEN_INPUT]).to.not.equal(second[CREATION_TOKEN_INPUT]);
        const { [CREATION_TOKEN_INPUT]: _token, ...rest } = first;
        // (The SDK's provider host puts __provider back into what check returns.)
        expect(rest, "nothing else changes").to.deep.equal({ poolName: "acme-users", userPoolTags: { team: "identity" } });
    });

    it("check gives an existing resource no token, and drops the one its create stored, so a replacement never reuses it", async () => {
        const created = await checked({}, program);
        const next = await checked(created, program);
        expect(next).to.not.have.property(CREATION_TOKEN_INPUT);
        const afterRefresh = await checked({ poolName: "acme-users", userPoolTags: { team: "identity" } }, program);
        expect(afterRefresh).to.not.have.property(CREATION_TOKEN_INPUT);
    });

    it("a token handed back to check in news is neither an unknown input nor kept", async () => {
        const created = await checked({}, program);
        const again = await checked({}, created);
        expect(again[CREATION_TOKEN_INPUT]).to.match(UUID);
        expect(again[CREATION_TOKEN_INPUT]).to.not.equal(created[CREATION_TOKEN_INPUT]);
        expect(await checked(created, created)).to.not.have.property(CREATION_TOKEN_INPUT);
    });

    it("create tags the pool with the checked token, in its one CreateUserPool call", async () => {
        const { cognito } = mocked;
        let request: CreateUserPoolCommandInput | undefined;
        cognito.on(CreateUserPoolCommand).callsFake((input: CreateUserPoolCommandInput) => {
            request = input;
            return { UserPool: { Id: `${REGION}_Created1`, Name: input.PoolName, UserPoolTags: input.UserPoolTags } };
        });
        const inputs = await checked({}, program);
        const result = await create(inputs);
        expect(result.id).to.equal(`${REGION}_Created1`);
        expect(request?.UserPoolTags).to.deep.equal({ team: "identity", [CREATION_TOKEN_TAG]: inputs[CREATION_TOKEN_INPUT] });
        expect(commandNames(cognito)).to.deep.equal(["CreateUserPool"]);
        expect(result.outs, "the token is no output").to.not.have.property(CREATION_TOKEN_INPUT);
        expect(result.outs.userPoolTags, "nor a declared tag").to.deep.equal({ team: "identity" });
    });

    it("create without a checked token (a replacement) tags the pool with a token of its own", async () => {
        const { cognito } = mocked;
        let tag: string | undefined;
        cognito.on(CreateUserPoolCommand).callsFake((input: CreateUserPoolCommandInput) => {
            tag = input.UserPoolTags?.[CREATION_TOKEN_TAG];
            return { UserPool: { Id: `${REGION}_Created2`, Name: input.PoolName } };
        });
        await create({ __provider: SERIALIZED_PROVIDER, poolName: "acme-users" });
        expect(tag).to.match(UUID);
        expect(cognito.commandCalls(ListUserPoolsCommand)).to.have.length(0);
    });
});
