package com.cloudact.platform.providers.standins;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS STS's Query API ({@code POST /}, form body, XML answers) for {@code GetCallerIdentity} and
 * {@code AssumeRole}. Every request's SigV4 signature is recomputed here, from the request as received and the
 * secret registered for its access key id, with code of its own (not the signer under test); a mismatch is
 * answered 403 {@code SignatureDoesNotMatch}, an unknown key 403 {@code InvalidClientTokenId}, as STS does.
 */
public final class StsStandIn extends StandIn {

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

    /** The secret of keys this stand-in knows (including temporary keys it issued), for other AWS stand-ins. */
    public Optional<String> secretOf(String accessKeyId) {
        return Optional.ofNullable(principals.get(accessKeyId)).map(Principal::secret);
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
        SigV4Check.Result check = SigV4Check.verify(request.method(), request.path(), request.rawQuery(),
                request.headers(), SigV4Check.sha256Hex(request.body().getBytes(StandardCharsets.UTF_8)),
                id -> Optional.ofNullable(principals.get(id)).map(Principal::secret));
        if (!check.valid()) {
            return switch (check.error()) {
                case "IncompleteSignature" -> error(403, "Sender", "IncompleteSignature",
                        "Authorization header requires 'Credential' parameter.");
                case "InvalidClientTokenId" -> error(403, "Sender", "InvalidClientTokenId",
                        "The security token included in the request is invalid.");
                case "RequestTimeTooSkewed" -> error(403, "Sender", "SignatureDoesNotMatch",
                        "Signature expired: " + request.header("x-amz-date") + " is now earlier than allowed");
                default -> error(403, "Sender", "SignatureDoesNotMatch", "The request signature we calculated does not "
                        + "match the signature you provided. Check your AWS Secret Access Key and signing method. "
                        + "Consult the service documentation for details.");
            };
        }
        if (!check.signed().region().equals("us-east-1") || !check.signed().service().equals("sts")) {
            return error(403, "Sender", "SignatureDoesNotMatch", "Credential should be scoped to a valid region.");
        }
        Principal principal = principals.get(check.signed().accessKeyId());
        if (principal.sessionToken() != null && !check.signed().signedHeaders().contains("x-amz-security-token")
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
}
