package com.cloudact.platform.providers.aws;

import com.cloudact.platform.providers.internal.HttpParts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one request, in the Authorization header. Follows the published algorithm: canonical
 * request (method, URI path, sorted query, sorted lower-case headers, signed-header list, payload hash), string to
 * sign, key derived by HMAC over date, region, service and {@code aws4_request}.
 *
 * <p>The {@code host} header is always signed, with the value {@link java.net.http.HttpClient} will send. Paths are
 * normalised and encoded twice for every service but S3, which takes them as they are, as the AWS SDKs do.
 */
public final class AwsSigV4Signer {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String region;
    private final String service;
    private final boolean signContentHash;

    /** A signer that also signs {@code x-amz-content-sha256}, which S3 requires and other services accept. */
    public AwsSigV4Signer(String region, String service) {
        this(region, service, true);
    }

    /**
     * @param signContentHash whether {@code x-amz-content-sha256} is among the signed headers; the header is returned
     *                        either way. AWS's test suite and the SDKs for non-S3 services leave it out.
     */
    public AwsSigV4Signer(String region, String service, boolean signContentHash) {
        this.region = region;
        this.service = service;
        this.signContentHash = signContentHash;
    }

    /**
     * Signs a request.
     *
     * @param headers headers the caller will send and wants signed (e.g. {@code Content-Type}); not {@code Host}
     * @return the headers to add: {@code Authorization}, {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} and, with
     *         temporary keys, {@code X-Amz-Security-Token}
     */
    public Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] payload, AwsKeys keys, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String payloadHash = HEX.formatHex(sha256(payload));

        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", amzDate);
        if (keys.sessionToken() != null) {
            added.put("X-Amz-Security-Token", keys.sessionToken());
        }

        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), trimAll(value)));
        added.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), trimAll(value)));
        signed.put("host", HttpParts.hostHeader(uri));
        if (signContentHash) {
            signed.put("x-amz-content-sha256", payloadHash);
        }
        String signedHeaders = String.join(";", signed.keySet());

        String canonicalRequest = String.join("\n",
                method.toUpperCase(Locale.ROOT),
                canonicalPath(uri.getRawPath(), !"s3".equals(service)),
                canonicalQuery(uri.getRawQuery()),
                signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining()),
                signedHeaders,
                payloadHash);
        String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(utf8(canonicalRequest)));
        String signature = HEX.formatHex(hmac(signingKey(keys.secretAccessKey(), amzDate.substring(0, 8)), stringToSign));

        added.put("X-Amz-Content-Sha256", payloadHash);
        added.put("Authorization", ALGORITHM + " Credential=" + keys.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return added;
    }

    /** The derived key: HMAC chain over date, region, service and {@code aws4_request}. */
    byte[] signingKey(String secret, String date) {
        byte[] key = hmac(utf8("AWS4" + secret), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static String canonicalPath(String rawPath, boolean normalise) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        List<String> segments = List.of(rawPath.split("/", -1));
        if (normalise) {
            Deque<String> kept = new ArrayDeque<>();
            for (String segment : segments) {
                switch (segment) {
                    case "", "." -> { }
                    case ".." -> kept.pollLast();
                    default -> kept.addLast(segment);
                }
            }
            boolean trailingSlash = rawPath.endsWith("/") && !kept.isEmpty();
            return "/" + kept.stream().map(AwsSigV4Signer::encode).collect(Collectors.joining("/")) + (trailingSlash ? "/" : "");
        }
        return segments.stream().map(s -> encode(decode(s))).collect(Collectors.joining("/"));
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    /** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, as upper-case %XX of UTF-8. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : utf8(s)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String trimAll(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(utf8(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
