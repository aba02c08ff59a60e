/**
 * Registers the hooks every aws-sdk-client-mock suite needs: mock the Cognito client for the
 * suite (in before(), never at load time, or it would capture the clients of other suites), and
 * before each test drop the provider's cached clients, set the stack region and clear the mock.
 */
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { resetClients, setStackRegion } from "../../provider/client";

export interface MockedCognito {
    /** The stub, valid from the suite's before() on. */
    readonly cognito: AwsClientStub<CognitoIdentityProviderClient>;
}

export function useMockedCognito(region: string): MockedCognito {
    let stub: AwsClientStub<CognitoIdentityProviderClient> | undefined;
    before(() => {
        stub = mockClient(CognitoIdentityProviderClient);
    });
    after(() => {
        stub?.restore();
        resetClients();
        setStackRegion(undefined);
    });
    beforeEach(() => {
        resetClients();
        setStackRegion(region);
        stub?.reset();
    });
    return {
        get cognito() {
            if (!stub) throw new Error("the Cognito mock is only available inside the suite's tests and hooks");
            return stub;
        },
    };
}
