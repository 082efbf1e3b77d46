package com.cloudact.platform.providers.aws;

import com.cloudact.platform.providers.ProviderResponseException;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.internal.HttpParts;
import com.cloudact.platform.providers.internal.ProviderError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The two AWS Security Token Service calls CloudAct needs, over the Query API (form POST, XML answer) signed with
 * SigV4: who am I ({@code GetCallerIdentity}, which needs no IAM permission) and {@code AssumeRole}. Errors come
 * back as {@link ProviderResponseException} carrying AWS's error code ({@code InvalidClientTokenId},
 * {@code SignatureDoesNotMatch}, {@code AccessDenied}, …).
 */
public final class AwsSts {

    public static final String DEFAULT_ENDPOINT = "https://sts.amazonaws.com";
    /** The global endpoint signs as us-east-1. */
    public static final String DEFAULT_SIGNING_REGION = "us-east-1";
    static final String VERSION = "2011-06-15";
    static final int ROLE_SESSION_SECONDS = 900;

    /** Who the keys belong to. */
    public record CallerIdentity(String account, String arn, String userId) {
    }

    /** Keys from {@code AssumeRole}, good until {@code expiration}. */
    public record TemporaryCredentials(AwsKeys keys, Instant expiration) {
    }

    private final SafeHttp http;
    private final URI endpoint;
    private final AwsSigV4Signer signer;
    private final Clock clock;

    public AwsSts(SafeHttp http) {
        this(http, DEFAULT_ENDPOINT, DEFAULT_SIGNING_REGION, Clock.systemUTC());
    }

    public AwsSts(SafeHttp http, String endpoint, String signingRegion, Clock clock) {
        this.http = http;
        this.endpoint = HttpParts.join(endpoint, "/");
        this.signer = new AwsSigV4Signer(signingRegion, "sts");
        this.clock = clock;
    }

    public CallerIdentity getCallerIdentity(AwsKeys keys) throws IOException, InterruptedException {
        Document xml = call(keys, Map.of("Action", "GetCallerIdentity", "Version", VERSION));
        return new CallerIdentity(text(xml, "Account"), text(xml, "Arn"), text(xml, "UserId"));
    }

    /**
     * Assumes {@code roleArn} with the platform's keys.
     *
     * @param sessionName shows in the customer's CloudTrail; 2–64 of {@code [\w+=,.@-]}
     */
    public TemporaryCredentials assumeRole(AwsKeys platformKeys, String roleArn, String externalId, String sessionName)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", "AssumeRole");
        form.put("Version", VERSION);
        form.put("RoleArn", roleArn);
        form.put("RoleSessionName", sessionName);
        form.put("ExternalId", externalId);
        form.put("DurationSeconds", String.valueOf(ROLE_SESSION_SECONDS));
        Document xml = call(platformKeys, form);
        AwsKeys keys = new AwsKeys(text(xml, "AccessKeyId"), text(xml, "SecretAccessKey"), text(xml, "SessionToken"));
        if (keys.accessKeyId().isEmpty() || keys.secretAccessKey().isEmpty() || keys.sessionToken().isEmpty()) {
            throw new IllegalStateException("AWS STS AssumeRole answered without credentials");
        }
        try {
            return new TemporaryCredentials(keys, Instant.parse(text(xml, "Expiration")));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("AWS STS AssumeRole answered with an unreadable Expiration");
        }
    }

    private Document call(AwsKeys keys, Map<String, String> form) throws IOException, InterruptedException {
        byte[] body = HttpParts.form(form).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", HttpParts.FORM + "; charset=utf-8");
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        signer.sign("POST", endpoint, headers, body, keys, clock.instant()).forEach(request::header);
        HttpResponse<String> response = http.send(request.build());
        if (response.statusCode() != 200) {
            ProviderError error = ProviderError.from(response.body());
            throw new ProviderResponseException("AWS STS " + form.get("Action"), response.statusCode(), error.code(), error.message());
        }
        return parse(response.body());
    }

    /** Parses STS XML with DTDs and external entities off. */
    static Document parse(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors without printing them
            return builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("AWS STS answered with XML that could not be read");
        }
    }

    private static String text(Document xml, String element) {
        NodeList nodes = xml.getElementsByTagName(element);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
