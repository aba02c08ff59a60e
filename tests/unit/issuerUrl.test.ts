/** The issuerUrl output is the `iss` claim applications validate tokens against. */
import { expect } from "chai";
import { issuerUrl } from "../../provider/userPool/flatten";

describe("issuerUrl output", () => {
    it("is the https URL of the pool on the regional cognito-idp host", () => {
        expect(issuerUrl({ Id: "eu-west-1_AbCdEf123" }, "eu-west-1")).to.equal("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123");
        expect(issuerUrl({ Id: "eu-west-1_AbCdEf123", IssuerConfiguration: { Type: "ORIGINAL" } }, "eu-west-1")).to.equal(
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123",
        );
    });

    it("moves to the issuer-cognito-idp host when the pool's issuer configuration is UPDATED", () => {
        expect(issuerUrl({ Id: "us-east-1_Xyz", IssuerConfiguration: { Type: "UPDATED" } }, "us-east-1")).to.equal(
            "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_Xyz",
        );
    });
});
