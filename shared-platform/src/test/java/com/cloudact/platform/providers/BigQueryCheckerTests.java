package com.cloudact.platform.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudact.platform.providers.standins.GoogleStandIn;
import com.cloudact.platform.providers.standins.NoSecrets;
import com.cloudact.platform.providers.standins.TestKeys;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GCP service accounts against a stand-in of Google's token endpoint and the BigQuery datasets list. */
class BigQueryCheckerTests {

    static final String EMAIL = "cloudact-reader@acme-prod-123.iam.gserviceaccount.com";
    static final String PROJECT = "acme-prod-123";

    GoogleStandIn google;
    SafeHttp http;
    CredentialChecker checker;
    String keyFile;
    String pem;

    @BeforeEach
    void start() {
        google = new GoogleStandIn();
        google.trust(EMAIL, TestKeys.rsa().getPublic(), PROJECT);
        http = new SafeHttp(google.allowList());
        checker = CredentialCheckers.forProvider("gcp_sa", ProviderEndpoints.allAt(google.baseUrl()), http, Optional.empty());
        keyFile = TestKeys.serviceAccountJson(PROJECT, EMAIL, TestKeys.rsa(), google.tokenUrl());
        pem = TestKeys.pem(TestKeys.rsa());
    }

    @AfterEach
    void stop() {
        http.close();
        google.close();
    }

    @Test
    void aWorkingServiceAccountIsValidWithItsProjectAndEmail() {
        CheckResult result = checker.check(keyFile);

        assertThat(result.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(result.facts()).containsEntry("project_id", PROJECT).containsEntry("client_email", EMAIL);
        assertThat(google.verifiedAssertions()).singleElement().satisfies(jwt -> {
            assertThat(jwt.claims().path("scope").asString()).isEqualTo("https://www.googleapis.com/auth/bigquery.readonly");
            assertThat(jwt.claims().path("aud").asString()).isEqualTo(google.tokenUrl());
        });
        assertThat(google.requestsTo("/bigquery/v2/projects/" + PROJECT + "/datasets")).singleElement()
                .satisfies(r -> {
                    assertThat(r.rawQuery()).isEqualTo("maxResults=1");
                    assertThat(r.header("Authorization")).startsWith("Bearer ya29.standin-");
                });
        NoSecrets.in(result, pem);
    }

    @Test
    void aKeyGoogleDoesNotKnowIsInvalid() {
        String otherKeyFile = TestKeys.serviceAccountJson(PROJECT, EMAIL, TestKeys.otherRsa(), google.tokenUrl());

        CheckResult result = checker.check(otherKeyFile);

        assertThat(result.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(result.message()).contains("Invalid JWT Signature.");
        assertThat(google.requestsTo("/bigquery")).isEmpty();
        NoSecrets.in(result, TestKeys.pem(TestKeys.otherRsa()));
    }

    @Test
    void anAccountWithoutBigQueryAccessIsForbidden() {
        String elsewhere = TestKeys.serviceAccountJson("acme-other-456", EMAIL, TestKeys.rsa(), google.tokenUrl());

        CheckResult result = checker.check(elsewhere);

        assertThat(result.status()).isEqualTo(ConnectionStatus.FORBIDDEN);
        assertThat(result.message()).contains("lacks required permissions", "bigquery.datasets.list");
        NoSecrets.in(result, pem);
    }

    @Test
    void tokenEndpointAndBigQueryFailuresAreUnreachable() {
        google.failNext(GoogleStandIn.googleError(500, "Internal error", "INTERNAL"));
        CheckResult tokenDown = checker.check(keyFile);
        google.redirectNext();
        CheckResult tokenRedirect = checker.check(keyFile);

        assertThat(tokenDown.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(tokenDown.message()).contains("API error: 500");
        assertThat(tokenRedirect.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(google.redirectFollowed()).isFalse();

        CheckResult ok = checker.check(keyFile); // token now cached; the next failures hit BigQuery
        google.failNext(GoogleStandIn.googleError(429, "Quota exceeded", "RESOURCE_EXHAUSTED"));
        CheckResult limited = checker.check(keyFile);
        google.failNext(GoogleStandIn.googleError(400, "Invalid project ID", "INVALID_ARGUMENT"));
        CheckResult bad = checker.check(keyFile);

        assertThat(ok.status()).isEqualTo(ConnectionStatus.VALID);
        assertThat(limited.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
        assertThat(limited.message()).contains("rate limited");
        assertThat(bad.status()).isEqualTo(ConnectionStatus.INVALID);
        assertThat(bad.message()).contains("Invalid project ID");
    }

    @Test
    void aTokenUriPointingAtTheMetadataServerIsBlocked() {
        for (String uri : new String[] {"http://169.254.169.254/computeMetadata/v1/token", "https://attacker.example.com/token"}) {
            CheckResult result = checker.check(TestKeys.serviceAccountJson(PROJECT, EMAIL, TestKeys.rsa(), uri));

            assertThat(result.status()).isEqualTo(ConnectionStatus.BLOCKED);
            assertThat(result.message()).contains("token_uri");
        }
        assertThat(google.requests()).isEmpty();
    }

    @Test
    void aFileThatIsNotAServiceAccountKeyIsMalformed() {
        CheckResult userCredentials = checker.check("{\"type\":\"authorized_user\",\"client_id\":\"x\",\"refresh_token\":\"1//0g\"}");
        CheckResult noKey = checker.check(keyFile.replace("\"private_key\"", "\"private_key_x\""));

        assertThat(userCredentials.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(userCredentials.message()).contains("'type'");
        assertThat(noKey.status()).isEqualTo(ConnectionStatus.MALFORMED);
        assertThat(noKey.message()).isEqualTo("Missing required field 'private_key'");
        assertThat(google.requests()).isEmpty();
    }
}
