package com.cloudact.platform.providers.standins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an AWS service does with a SigV4-signed request, written independently of the signer under test: parse the
 * Authorization header, look up the secret, rebuild canonical request and string to sign, compare signatures.
 */
public final class SigV4Check {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The parts of a valid signature. */
    public record Signed(String accessKeyId, String region, String service, String signedHeaders) {
    }

    private SigV4Check() {
    }

    /**
     * @param headers       the request headers, names in lower case
     * @param payloadHash   the hex SHA-256 of the body, or the value of {@code x-amz-content-sha256} as S3 uses it
     * @param secretFor     the secret of an access key id, empty when the key is unknown
     * @return the signature's parts, or the AWS error code explaining why it is not valid
     */
    public static Result verify(String method, String rawPath, String rawQuery, Map<String, String> headers,
                                String payloadHash, Function<String, Optional<String>> secretFor) {
        Matcher auth = AUTH.matcher(String.valueOf(headers.get("authorization")));
        if (!auth.matches()) {
            return Result.error("IncompleteSignature");
        }
        Optional<String> secret = secretFor.apply(auth.group(1));
        if (secret.isEmpty()) {
            return Result.error("InvalidClientTokenId");
        }
        String amzDate = String.valueOf(headers.get("x-amz-date"));
        Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        if (Duration.between(signedAt, Instant.now()).abs().toMinutes() > 15) {
            return Result.error("RequestTimeTooSkewed");
        }
        String canonicalHeaders = Arrays.stream(auth.group(5).split(";"))
                .map(name -> name + ":" + String.valueOf(headers.get(name)).strip().replaceAll(" +", " ") + "\n")
                .collect(Collectors.joining());
        String query = rawQuery == null ? "" : Arrays.stream(rawQuery.split("&"))
                .map(p -> p.contains("=") ? p : p + "=").sorted().collect(Collectors.joining("&"));
        String canonical = method + "\n" + rawPath + "\n" + query + "\n" + canonicalHeaders + "\n" + auth.group(5) + "\n"
                + payloadHash;
        String scope = auth.group(2) + "/" + auth.group(3) + "/" + auth.group(4) + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secret.get()).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {auth.group(2), auth.group(3), auth.group(4), "aws4_request"}) {
            key = hmac(key, part);
        }
        if (!hex(hmac(key, toSign)).equals(auth.group(6))) {
            return Result.error("SignatureDoesNotMatch");
        }
        return new Result(new Signed(auth.group(1), auth.group(3), auth.group(4), auth.group(5)), null);
    }

    /** Either a valid signature or an AWS error code. */
    public record Result(Signed signed, String error) {

        static Result error(String code) {
            return new Result(null, code);
        }

        public boolean valid() {
            return error == null;
        }
    }

    public static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
