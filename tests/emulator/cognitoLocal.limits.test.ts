/**
 * What docs/configuration.md tells people who run their own cognito-local: the settings it drops,
 * and what this provider then shows. If a cognito-local release starts keeping them, this fails
 * and the page must change with it.
 */
import { CreateUserPoolCommand, DeleteUserPoolCommand, DescribeUserPoolCommand, UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { expect } from "chai";
import { getStackRegion } from "../../provider/client";
import { planUserPool } from "../../provider/userPool/diff";
import type { UserPoolState } from "../../provider/userPool/flatten";
import * as provider from "../../provider/userPool/provider";
import { startTarget, TestTarget } from "../support/target";

(process.env.COGNITO_TEST_TARGET === "aws" ? describe.skip : describe)("cognito-local: settings it ignores (docs/configuration.md)", function () {
    let target: TestTarget;
    before(async () => {
        target = await startTarget();
    });
    after(async () => {
        await target.stop();
    });

    it("drops DeletionProtection and UserPoolTier, ignores a rename, and deletes a pool created with deletion protection", async () => {
        const { UserPool: created } = await target.client.send(
            new CreateUserPoolCommand({ PoolName: "limits", DeletionProtection: "ACTIVE", UserPoolTier: "ESSENTIALS" }),
        );
        const { UserPool: described } = await target.client.send(new DescribeUserPoolCommand({ UserPoolId: created?.Id }));
        expect(described?.DeletionProtection).to.equal(undefined);
        expect(described?.UserPoolTier).to.equal(undefined);
        // A rename is an in-place UpdateUserPool on AWS; cognito-local keeps the old name.
        await target.client.send(new UpdateUserPoolCommand({ UserPoolId: created?.Id, PoolName: "limits-renamed" }));
        const { UserPool: renamed } = await target.client.send(new DescribeUserPoolCommand({ UserPoolId: created?.Id }));
        expect(renamed?.Name).to.equal("limits");
        // AWS refuses this (InvalidParameterException) while protection is ACTIVE.
        await target.client.send(new DeleteUserPoolCommand({ UserPoolId: created?.Id }));
    });

    it("so a program declaring deletionProtection shows a change right after pulumi up and after every refresh, which AWS would not", async () => {
        const checked = await provider.check({}, { poolName: "limits-program", deletionProtection: "ACTIVE" });
        expect(checked.failures).to.deep.equal([]);
        const created = await provider.create(checked.inputs);
        try {
            // Right after create, and again after a refresh: the pool never reports the setting.
            expect(planUserPool(created.outs as UserPoolState, checked.inputs, getStackRegion()).changedFields).to.deep.equal(["deletionProtection"]);
            const refreshed = (await provider.read(created.id, created.outs as UserPoolState)).props as UserPoolState;
            const diff = await provider.diff(created.id, refreshed, checked.inputs);
            expect(diff.changes).to.equal(true);
            expect(planUserPool(refreshed, checked.inputs, getStackRegion()).changedFields).to.deep.equal(["deletionProtection"]);
        } finally {
            await provider.deleteUserPool(created.id, created.outs as UserPoolState);
        }
    });
});
