package com.cloudact.platform.crypto;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.Set;

/**
 * {@link KmsGateway} on the Cloud KMS client, over HTTP/JSON. With an endpoint override (a local stand-in of the
 * KMS REST API in tests) no Google credentials are used.
 */
public final class CloudKmsGateway implements KmsGateway, AutoCloseable {

    private static final Set<StatusCode.Code> TRANSIENT = Set.of(StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED, StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.INTERNAL);

    private final String keyName;
    private final KeyManagementServiceClient client;

    public CloudKmsGateway(String keyName, String endpointOverride) {
        this.keyName = keyName;
        try {
            KeyManagementServiceSettings.Builder settings = KeyManagementServiceSettings.newHttpJsonBuilder();
            if (endpointOverride != null && !endpointOverride.isBlank()) {
                settings.setEndpoint(endpointOverride).setCredentialsProvider(NoCredentialsProvider.create());
            }
            this.client = KeyManagementServiceClient.create(settings.build());
        } catch (IOException e) {
            throw new CipherException("Cannot create the Cloud KMS client: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            return client.encrypt(EncryptRequest.newBuilder().setName(keyName)
                    .setPlaintext(ByteString.copyFrom(plaintext))
                    .setAdditionalAuthenticatedData(ByteString.copyFrom(associatedData)).build())
                    .getCiphertext().toByteArray();
        } catch (ApiException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            return client.decrypt(DecryptRequest.newBuilder().setName(keyName)
                    .setCiphertext(ByteString.copyFrom(ciphertext))
                    .setAdditionalAuthenticatedData(ByteString.copyFrom(associatedData)).build())
                    .getPlaintext().toByteArray();
        } catch (ApiException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(ApiException e) {
        if (TRANSIENT.contains(e.getStatusCode().getCode())) {
            return new TransientKmsException("Cloud KMS: " + e.getStatusCode().getCode(), e);
        }
        return new CipherException("Cloud KMS refused the request: " + e.getStatusCode().getCode(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
