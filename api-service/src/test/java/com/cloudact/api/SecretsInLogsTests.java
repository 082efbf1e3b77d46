package com.cloudact.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.cloudact.model.OrgSlug;
import com.cloudact.model.Plan;
import com.cloudact.platform.providers.standins.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Everything the service logs while keys and credentials pass through it — onboarding, rotation, every provider's
 * setup, refused and malformed credentials, wrong keys — is captured and scanned: no key or secret may appear.
 */
class SecretsInLogsTests extends ApiIntegrationTest {

    @Test
    void noKeyOrCredentialEverReachesTheLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<String> secrets = new ArrayList<>(ProviderStandIns.secrets());
        try {
            OrgSlug org = newSlug("logscan");
            String key = onboarded(org, Plan.ENTERPRISE);
            String rotated = post("/api/v1/organizations/" + org + "/api-key/rotate", orgKey(key), Map.of())
                    .body().path("api_key").asString();
            secrets.addAll(List.of(key, rotated, ROOT_KEY));
            String base = "/api/v1/integrations/" + org;
            post(base + "/openai/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.OPENAI_KEY));
            post(base + "/anthropic/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.ANTHROPIC_KEY));
            post(base + "/gemini/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.GEMINI_KEY));
            post(base + "/deepseek/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.DEEPSEEK_KEY));
            post(base + "/gcp/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.gcpServiceAccount()));
            post(base + "/aws/setup", orgKey(rotated),
                    Map.of("credential", ProviderStandIns.awsAccessKeys(ProviderStandIns.AWS_SECRET)));
            post(base + "/azure/setup", orgKey(rotated),
                    Map.of("credential", ProviderStandIns.azurePrincipal(ProviderStandIns.AZURE_SECRET)));
            post(base + "/oci/setup", orgKey(rotated), Map.of("credential", ProviderStandIns.ociApiKey(TestKeys.rsa())));
            String refused = "sk-proj-refusedKey0123456789abcdefXYZ";
            String refusedPem = TestKeys.pemLines(TestKeys.pem(TestKeys.otherRsa()))[1];
            secrets.addAll(List.of(refused, refusedPem));
            post(base + "/openai/setup", orgKey(rotated), Map.of("credential", refused));
            post(base + "/gcp/setup", orgKey(rotated),
                    Map.of("credential", ProviderStandIns.gcpServiceAccount(TestKeys.otherRsa())));
            post(base + "/openai/validate", orgKey(rotated), Map.of());
            String malformed = "{\"type\":\"service_account\",\"private_key\":\"MalformedSecretValue123456\"}";
            secrets.add("MalformedSecretValue123456");
            post(base + "/gcp/setup", orgKey(rotated), Map.of("credential", malformed));
            String wrongKey = org + "_api_WrongKeyValue0123456";
            String wrongRoot = "wrong-root-key-value-0123456789-abcdef";
            secrets.addAll(List.of(wrongKey, wrongRoot));
            get(base, orgKey(wrongKey));
            get("/api/v1/organizations", Map.of("X-CA-Root-Key", wrongRoot));
            get(base, orgKey(key));
        } finally {
            root.detachAppender(captured);
        }

        List<String> lines = captured.list.stream().map(SecretsInLogsTests::render).toList();
        assertThat(lines).as("the scan saw the requests").anyMatch(l -> l.contains("/integrations/"));
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret);
            }
        }
    }

    /** The message with its arguments, the MDC and every exception message and frame of the chain. */
    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
