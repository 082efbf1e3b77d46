package com.cloudact.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Envelope encryption with Cloud KMS over real HTTP calls to a local stand-in of the KMS REST API. The calls go
 * through {@link RestKmsGateway}: the gax client behind {@link CloudKmsGateway} does not load with this build's
 * dependency versions (see {@link CloudKmsGatewayTests}).
 */
class KmsCredentialCipherTests {

    private static final String KEY = "projects/cloudact-test/locations/global/keyRings/cloudact/cryptoKeys/credentials";
    private static final String CONTEXT = "org_api_key:acme";
    private static final String SECRET = "acme_api_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";

    private static KmsRestStandIn kms;
    private static KmsGateway gateway;
    private static KmsCredentialCipher cipher;

    @BeforeAll
    static void start() throws IOException {
        kms = KmsRestStandIn.start();
        gateway = new RestKmsGateway(kms.endpoint(), KEY);
        cipher = new KmsCredentialCipher(gateway, Duration.ofMillis(5));
    }

    @AfterAll
    static void stop() {
        kms.close();
    }

    @BeforeEach
    void reset() {
        kms.clear();
    }

    @Test
    void roundTripsASecret() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);

        assertThat(cipher.decryptString(sealed, CONTEXT)).isEqualTo(SECRET);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(kms.requests()).extracting(KmsRestStandIn.Request::operation).containsExactly("encrypt", "decrypt");
    }

    @Test
    void onlyAFreshDataKeyTravelsToKmsBoundToTheContext() {
        byte[] first = cipher.encryptString(SECRET, CONTEXT);
        byte[] second = cipher.encryptString(SECRET, CONTEXT);

        assertThat(first).isNotEqualTo(second);
        assertThat(kms.requests("encrypt")).hasSize(2).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/" + KEY + ":encrypt");
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(request.bytes("plaintext")).hasSize(32);
            assertThat(new String(request.bytes("additionalAuthenticatedData"), StandardCharsets.UTF_8))
                    .isEqualTo(CONTEXT);
            assertThat(request.body().toString()).doesNotContain(SECRET)
                    .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(kms.requests("encrypt").get(0).bytes("plaintext"))
                .isNotEqualTo(kms.requests("encrypt").get(1).bytes("plaintext"));
    }

    @Test
    void decryptSendsTheWrappedKeyFromTheEnvelope() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        kms.clear();

        cipher.decryptString(sealed, CONTEXT);

        ByteBuffer envelope = ByteBuffer.wrap(sealed);
        assertThat(envelope.get()).isEqualTo((byte) 1);
        byte[] wrapped = new byte[envelope.getInt()];
        envelope.get(wrapped);
        assertThat(kms.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/v1/" + KEY + ":decrypt");
            assertThat(request.bytes("ciphertext")).isEqualTo(wrapped);
            assertThat(new String(request.bytes("additionalAuthenticatedData"), StandardCharsets.UTF_8))
                    .isEqualTo(CONTEXT);
        });
    }

    @Test
    void theWrongContextFails() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);

        assertThatThrownBy(() -> cipher.decrypt(sealed, "org_api_key:beta"))
                .isInstanceOf(CipherException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aLargeSecretRoundTripsWhileKmsOnlySeesTheDataKey() {
        byte[] large = new byte[200 * 1024];
        new SecureRandom().nextBytes(large);

        byte[] sealed = cipher.encrypt(large, CONTEXT);

        assertThat(cipher.decrypt(sealed, CONTEXT)).isEqualTo(large);
        assertThat(kms.requests()).allSatisfy(request -> assertThat(request.body().toString()).hasSizeLessThan(1024));
    }

    @Test
    void transientUnavailabilityIsRetriedUntilItSucceeds() {
        kms.failNext(503, 2);

        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);

        assertThat(kms.requests("encrypt")).hasSize(3);
        assertThat(cipher.decryptString(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void transientInternalErrorsOnDecryptAreRetriedToo() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        kms.clear();
        kms.failNext(500, 3);

        assertThat(cipher.decryptString(sealed, CONTEXT)).isEqualTo(SECRET);
        assertThat(kms.requests("decrypt")).hasSize(4);
    }

    @Test
    void aKmsThatStaysDownFailsAfterFourAttempts() {
        kms.failNext(500, 10);

        assertThatThrownBy(() -> cipher.encryptString(SECRET, CONTEXT))
                .isInstanceOf(CipherException.class)
                .hasMessageContaining("Cloud KMS is unavailable");
        assertThat(kms.requests("encrypt")).hasSize(4);
    }

    @Test
    void tamperingWithThePayloadFails() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[tampered.length - 1] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
                .isInstanceOf(CipherException.class)
                .hasMessageContaining("Decryption failed");
    }

    @Test
    void tamperingWithTheWrappedKeyFails() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        byte[] tampered = Arrays.copyOf(sealed, sealed.length);
        tampered[5 + 20] ^= 0x01;

        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT))
                .isInstanceOf(CipherException.class)
                .hasMessageContaining("Cloud KMS refused the request");
    }

    @Test
    void malformedEnvelopesFail() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        byte[] otherVersion = Arrays.copyOf(sealed, sealed.length);
        otherVersion[0] = 2;
        byte[] hugeLength = Arrays.copyOf(sealed, sealed.length);
        ByteBuffer.wrap(hugeLength).putInt(1, Integer.MAX_VALUE);

        assertThatThrownBy(() -> cipher.decrypt(otherVersion, CONTEXT)).isInstanceOf(CipherException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> cipher.decrypt(hugeLength, CONTEXT)).isInstanceOf(CipherException.class)
                .hasMessageContaining("Corrupt");
        assertThatThrownBy(() -> cipher.decrypt(new byte[0], CONTEXT)).isInstanceOf(CipherException.class);
        assertThatThrownBy(() -> cipher.decrypt(Arrays.copyOf(sealed, 40), CONTEXT))
                .isInstanceOf(CipherException.class);
    }

    @Test
    void anotherKeyCannotUnwrap() {
        byte[] sealed = cipher.encryptString(SECRET, CONTEXT);
        KmsCredentialCipher other = new KmsCredentialCipher(
                new RestKmsGateway(kms.endpoint(), KEY.replace("credentials", "other")), Duration.ofMillis(5));

        assertThatThrownBy(() -> other.decrypt(sealed, CONTEXT)).isInstanceOf(CipherException.class)
                .hasMessageContaining("INVALID_ARGUMENT");
    }
}
