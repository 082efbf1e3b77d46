package com.cloudact.platform.providers;

import com.cloudact.platform.providers.internal.CredentialJson;
import com.cloudact.platform.providers.internal.HttpParts;
import com.cloudact.platform.providers.oci.OciApiKey;
import com.cloudact.platform.providers.oci.OciRequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads the tenancy from OCI Identity with a signed {@code GET {identity}/20160918/tenancies/{tenancy_ocid}}. */
final class OciIdentityChecker extends ProviderChecker<OciApiKey> {

    private final ProviderEndpoints endpoints;
    private final SafeHttp http;
    private final Clock clock;

    OciIdentityChecker(ProviderEndpoints endpoints, SafeHttp http, Clock clock) {
        super("OCI", "API signing key");
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
    }

    @Override
    OciApiKey parse(String raw) {
        return OciApiKey.parse(raw);
    }

    @Override
    List<String> secretsOf(OciApiKey key) {
        return List.of(key.privateKey());
    }

    @Override
    CheckResult checkParsed(OciApiKey key) throws IOException, InterruptedException {
        URI uri = HttpParts.join(endpoints.ociIdentityFor(key.region()), "/20160918/tenancies/" + key.tenancyOcid());
        HttpRequest.Builder request = get(uri);
        new OciRequestSigner(key).sign("GET", uri, null, new byte[0], clock.instant()).forEach(request::header);
        HttpResponse<String> response = http.send(request.build());
        if (response.statusCode() != 200) {
            return failure(response, "The tenancy was not found, or this user cannot read it");
        }
        JsonNode json = CredentialJson.read(response.body(), "OCI Identity");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("tenancy_ocid", key.tenancyOcid());
        facts.put("tenancy_name", json.path("name").asString(""));
        facts.put("home_region_key", json.path("homeRegionKey").asString(""));
        return CheckResult.valid("OCI accepted the API signing key and it can read the tenancy", facts);
    }
}
