package com.cloudact.platform.providers.oci;

import com.cloudact.platform.providers.internal.HttpParts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * OCI request signatures (draft-cavage HTTP signatures, version 1, {@code rsa-sha256}), as OCI's REST APIs require.
 * GET, HEAD and DELETE sign {@code date (request-target) host}; POST, PUT and PATCH also sign
 * {@code x-content-sha256 content-type content-length}.
 */
public final class OciRequestSigner {

    static final List<String> GET_HEADERS = List.of("date", "(request-target)", "host");
    static final List<String> BODY_HEADERS = List.of("date", "(request-target)", "host", "x-content-sha256", "content-type", "content-length");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final String keyId;
    private final PrivateKey key;

    public OciRequestSigner(OciApiKey apiKey) {
        this.keyId = apiKey.keyId();
        this.key = apiKey.signingKey();
    }

    /**
     * Signs a request.
     *
     * @param contentType required for methods with a body, ignored otherwise
     * @return headers to add: {@code date}, {@code authorization} and, with a body, {@code x-content-sha256} and
     *         {@code content-type}. {@code host} and {@code content-length} are signed with the values
     *         {@link java.net.http.HttpClient} sends itself, so they are not returned.
     */
    public Map<String, String> sign(String method, URI uri, String contentType, byte[] body, Instant now) {
        String lowerMethod = method.toLowerCase(Locale.ROOT);
        boolean hasBody = List.of("post", "put", "patch").contains(lowerMethod);
        String target = lowerMethod + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());

        Map<String, String> values = new LinkedHashMap<>();
        values.put("date", HTTP_DATE.format(now));
        values.put("(request-target)", target);
        values.put("host", HttpParts.hostHeader(uri));
        if (hasBody) {
            values.put("content-length", String.valueOf(body.length));
            values.put("content-type", contentType);
            values.put("x-content-sha256", Base64.getEncoder().encodeToString(sha256(body)));
        }
        List<String> names = hasBody ? BODY_HEADERS : GET_HEADERS;
        String signature = Base64.getEncoder().encodeToString(rsaSha256(signingString(names, values)));

        Map<String, String> added = new LinkedHashMap<>();
        added.put("date", values.get("date"));
        if (hasBody) {
            added.put("content-type", contentType);
            added.put("x-content-sha256", values.get("x-content-sha256"));
        }
        added.put("authorization", "Signature version=\"1\",keyId=\"" + keyId + "\",algorithm=\"rsa-sha256\",headers=\""
                + String.join(" ", names) + "\",signature=\"" + signature + "\"");
        return added;
    }

    /** One {@code name: value} line per signed header, in the order named, joined by newlines. */
    static String signingString(List<String> names, Map<String, String> values) {
        return names.stream().map(n -> n + ": " + values.get(n)).collect(Collectors.joining("\n"));
    }

    private byte[] rsaSha256(String signingString) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign the OCI request", e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
