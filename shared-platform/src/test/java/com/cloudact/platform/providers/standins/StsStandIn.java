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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS STS's Query API ({@code POST /}, form body, XML answers) for {@code GetCallerIdentity} and
 * {@code AssumeRole}. Every request's SigV4 signature is recomputed here, from the request as received and the
 * secret registered for its access key id, with code of its own (not the signer under test); a mismatch is
 * answered 403 {@code SignatureDoesNotMatch}, an unknown key 403 {@code InvalidClientTokenId}, as STS does.
 */
public final class StsStandIn extends StandIn {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private record Principal(String secret, String sessionToken, String arn) {
    }

    private record Role(String externalId, String trustedArn, String roleArn) {
    }

    private final Map<String, Principal> principals = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();

    /** Registers long-term keys of an IAM user. */
    public void user(String accessKeyId, String secret, String arn) {
        principals.put(accessKeyId, new Principal(secret, null, arn));
    }

    /** Registers temporary keys, valid only with their session token. */
    public void temporary(String accessKeyId, String secret, String sessionToken, String arn) {
        principals.put(accessKeyId, new Principal(secret, sessionToken, arn));
    }

    /** Registers a role that the principal with {@code trustedArn} may assume with {@code externalId}. */
    public void role(String roleArn, String externalId, String trustedArn) {
        roles.put(roleArn, new Role(externalId, trustedArn, roleArn));
    }

    @Override
    protected Reply answer(Request request) {
        if (!request.method().equals("POST") || !request.path().equals("/")) {
            return error(404, "Sender", "InvalidAction", "Could not find operation for " + request.path());
        }
        Matcher auth = AUTH.matcher(String.valueOf(request.header("Authorization")));
        if (!auth.matches()) {
            return error(403, "Sender", "IncompleteSignature", "Authorization header requires 'Credential' parameter.");
        }
        Principal principal = principals.get(auth.group(1));
        if (principal == null) {
            return error(403, "Sender", "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        if (!auth.group(3).equals("us-east-1") || !auth.group(4).equals("sts")) {
            return error(403, "Sender", "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
        }
        String amzDate = String.valueOf(request.header("x-amz-date"));
        Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        if (Duration.between(signedAt, Instant.now()).abs().toMinutes() > 15) {
            return error(403, "Sender", "SignatureDoesNotMatch", "Signature expired: " + amzDate + " is now earlier than allowed");
        }
        if (!expectedSignature(request, principal.secret(), auth).equals(auth.group(6))) {
            return error(403, "Sender", "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        if (principal.sessionToken() != null && !signedHeaders(auth).contains("x-amz-security-token")
                || principal.sessionToken() != null && !principal.sessionToken().equals(request.header("x-amz-security-token"))) {
            return error(403, "Sender", "InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        Map<String, String> form = request.form();
        return switch (String.valueOf(form.get("Action"))) {
            case "GetCallerIdentity" -> callerIdentity(principal);
            case "AssumeRole" -> assumeRole(principal, form);
            default -> error(400, "Sender", "InvalidAction", "Could not find operation " + form.get("Action"));
        };
    }

    private Reply callerIdentity(Principal principal) {
        String account = principal.arn().split(":")[4];
        return Reply.xml(200, """
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>%s</Arn>
                    <UserId>AIDASTANDINEXAMPLE01</UserId>
                    <Account>%s</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </GetCallerIdentityResponse>
                """.formatted(principal.arn(), account, UUID.randomUUID()));
    }

    private Reply assumeRole(Principal caller, Map<String, String> form) {
        Role role = roles.get(form.get("RoleArn"));
        if (role == null || !role.trustedArn().equals(caller.arn()) || !role.externalId().equals(form.get("ExternalId"))) {
            return error(403, "Sender", "AccessDenied", "User: " + caller.arn() + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + form.get("RoleArn"));
        }
        String accessKeyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        String secret = UUID.randomUUID().toString().replace("-", "") + "abcdefgh";
        String token = "IQoJb3JpZ2luX2VjE" + UUID.randomUUID().toString().replace("-", "");
        String[] arnParts = role.roleArn().split(":");
        String roleName = arnParts[5].substring("role/".length());
        String assumedArn = "arn:aws:sts::" + arnParts[4] + ":assumed-role/" + roleName + "/" + form.get("RoleSessionName");
        temporary(accessKeyId, secret, token, assumedArn);
        String expiration = Instant.now().plusSeconds(Long.parseLong(form.getOrDefault("DurationSeconds", "3600")))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return Reply.xml(200, """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <SourceIdentity>cloudact</SourceIdentity>
                    <AssumedRoleUser>
                      <Arn>%s</Arn>
                      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:%s</AssumedRoleId>
                    </AssumedRoleUser>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <PackedPolicySize>6</PackedPolicySize>
                  </AssumeRoleResult>
                  <ResponseMetadata>
                    <RequestId>%s</RequestId>
                  </ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(assumedArn, form.get("RoleSessionName"), accessKeyId, secret, token, expiration, UUID.randomUUID()));
    }

    /** The signature STS would compute for this request: canonical request, string to sign, derived key. */
    private static String expectedSignature(Request request, String secret, Matcher auth) {
        String payloadHash = hex(sha256(request.body().getBytes(StandardCharsets.UTF_8)));
        String canonicalHeaders = Arrays.stream(signedHeaders(auth).split(";"))
                .map(name -> name + ":" + String.valueOf(request.header(name)).strip().replaceAll(" +", " ") + "\n")
                .collect(Collectors.joining());
        String query = request.rawQuery() == null ? "" : Arrays.stream(request.rawQuery().split("&")).sorted()
                .collect(Collectors.joining("&"));
        String canonical = request.method() + "\n" + request.path() + "\n" + query + "\n" + canonicalHeaders + "\n"
                + signedHeaders(auth) + "\n" + payloadHash;
        String scope = auth.group(2) + "/" + auth.group(3) + "/" + auth.group(4) + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + request.header("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {auth.group(2), auth.group(3), auth.group(4), "aws4_request"}) {
            key = hmac(key, part);
        }
        return hex(hmac(key, toSign));
    }

    private static String signedHeaders(Matcher auth) {
        return auth.group(5);
    }

    public static Reply error(int status, String type, String code, String message) {
        return Reply.xml(status, """
                <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <Error>
                    <Type>%s</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>%s</RequestId>
                </ErrorResponse>
                """.formatted(type, code, message, UUID.randomUUID()));
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
