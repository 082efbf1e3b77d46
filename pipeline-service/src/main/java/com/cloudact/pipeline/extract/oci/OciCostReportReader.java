package com.cloudact.pipeline.extract.oci;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.oci.OciApiKey;
import com.cloudact.platform.providers.oci.OciRequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads OCI cost reports where OCI writes them: Oracle's Object Storage in the tenancy's home region, namespace
 * {@code bling}, bucket = the tenancy OCID, objects {@code reports/cost-csv/<number>-<part>.csv.gz}. It calls the
 * Object Storage REST API (ListObjects, paged with {@code nextStartWith}; GetObject) with the org's API signing key,
 * each request signed by {@link OciRequestSigner} and sent through {@link SafeHttp}. The region is the key's region,
 * which must be the home region (reports exist nowhere else); the tenancy needs Oracle's policy
 * {@code define tenancy usage-report as ocid1.tenancy.oc1..aaaaaaaaned4fkpkisbwjlr56u7cj63lf3wffbilvqknstgtvzub7vhqkggq}
 * and {@code endorse group <group> to read objects in tenancy usage-report}.
 *
 * <p><b>Which files a run loads.</b> OCI writes a report file every few hours; each holds the lines metered since the
 * previous one plus late lines (up to a day old, corrections even older), and no file restates another's lines. So a
 * day's lines are spread over several files, and a file touches several days. A run for days {@code start..end} loads
 * every report file OCI <em>wrote</em> on those days (its {@code timeCreated}, in UTC): each file is loaded by the run
 * of the day it was written, and a daily run for yesterday picks up yesterday's files whole, late lines included.
 * The raw slice is the day of usage <em>and the file</em> ({@link OciCostReportExport#sliceColumns()}), so loading a
 * file replaces only the lines that same file brought before: a re-run of a day reloads the same files and changes
 * nothing else, and a later file adding lines to an earlier day never deletes the lines other files hold for it.
 * The conversion to FOCUS then rebuilds every day the loaded files touch from all the raw lines of those days.
 * A downloaded file must have the size the listing gave, so a cut-off transfer fails instead of loading part of a
 * file.
 */
@Component
class OciCostReportReader implements ExportLocationReader {

    static final String NAMESPACE = "bling";
    static final String PREFIX = "reports/cost-csv/";
    static final int PAGE_SIZE = 1000;
    /** OCI splits a report past a million lines; a gzip part of that is well under this. */
    static final long MAX_REPORT_BYTES = 2L * 1024 * 1024 * 1024;
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);
    private static final String POLICY_HINT = "the reports are read from the tenancy's home region (the API key's region)"
            + " and need the policy 'endorse group <group> to read objects in tenancy usage-report'";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProviderEndpoints endpoints;
    private final SafeHttp http;
    private final Clock clock;

    OciCostReportReader(ProviderEndpoints endpoints, SafeHttp http, Clock clock) {
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Provider provider() {
        return Provider.OCI;
    }

    @Override
    public List<Path> download(Request request, Path directory) throws IOException, InterruptedException {
        OciApiKey key = apiKey(request.secret());
        Bucket bucket = new Bucket(key, endpoints.ociObjectStorageFor(key.region()), new OciRequestSigner(key));
        Instant from = request.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = request.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Path> files = new ArrayList<>();
        for (ReportObject report : reports(bucket)) {
            if (!report.timeCreated().isBefore(from) && report.timeCreated().isBefore(to)) {
                files.add(fetch(bucket, report, directory));
            }
        }
        return files;
    }

    /** A report object as ListObjects names it. */
    private record ReportObject(String name, long size, Instant timeCreated) {
    }

    /** Where the reports are, and how requests to it are signed. */
    private record Bucket(OciApiKey key, String endpoint, OciRequestSigner signer) {

        String base() {
            return trimmed(endpoint) + "/n/" + NAMESPACE + "/b/" + encode(key.tenancyOcid(), false);
        }

        private static String trimmed(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    /** Every cost report in the bucket, in name (= time) order, following {@code nextStartWith} page by page. */
    private List<ReportObject> reports(Bucket bucket) throws IOException, InterruptedException {
        List<ReportObject> reports = new ArrayList<>();
        String start = null;
        do {
            URI uri = URI.create(bucket.base() + "/o?prefix=" + encode(PREFIX, true) + "&fields=name%2Csize%2CtimeCreated"
                    + "&limit=" + PAGE_SIZE + (start == null ? "" : "&start=" + encode(start, true)));
            HttpResponse<String> response = http.send(signed(bucket, uri).header("accept", "application/json").build());
            if (response.statusCode() != 200) {
                throw refused(bucket, "listing", response.statusCode(), response.body());
            }
            JsonNode page = read(response.body());
            for (JsonNode object : page.path("objects")) {
                String name = object.path("name").asString("");
                if (name.startsWith(PREFIX) && (name.endsWith(".csv.gz") || name.endsWith(".csv"))) {
                    reports.add(new ReportObject(name, object.path("size").asLong(-1), created(object, name)));
                }
            }
            String next = page.path("nextStartWith").asString(null);
            start = next == null || next.isEmpty() || next.equals(start) ? null : next;
        } while (start != null);
        reports.sort(Comparator.comparing(ReportObject::name));
        return reports;
    }

    /** Downloads one report into the directory under its object name ({@code /} as {@code _}). */
    private Path fetch(Bucket bucket, ReportObject report, Path directory) throws IOException, InterruptedException {
        Path target = directory.resolve(report.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        URI uri = URI.create(bucket.base() + "/o/" + encode(report.name(), false));
        HttpResponse<Path> response = http.download(signed(bucket, uri).build(), target, MAX_REPORT_BYTES,
                DOWNLOAD_TIMEOUT);
        if (response.statusCode() != 200) {
            String body = new String(Files.readAllBytes(target), StandardCharsets.UTF_8);
            Files.deleteIfExists(target);
            throw refused(bucket, "reading " + report.name(), response.statusCode(), body);
        }
        long size = Files.size(target);
        if (report.size() >= 0 && size != report.size()) {
            Files.deleteIfExists(target);
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "The OCI cost report " + report.name() + " arrived with "
                    + size + " of its " + report.size() + " bytes; nothing was loaded");
        }
        return target;
    }

    private HttpRequest.Builder signed(Bucket bucket, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        bucket.signer().sign("GET", uri, null, new byte[0], clock.instant()).forEach(request::header);
        return request;
    }

    private static CloudActException refused(Bucket bucket, String what, int status, String body) {
        String detail = "OCI Object Storage (" + bucket.key().region() + ") refused " + what + " in the cost reports of "
                + "tenancy " + bucket.key().tenancyOcid() + ": HTTP " + status + errorCode(body);
        return status == 401 || status == 403 || status == 404
                ? new CloudActException(ErrorCode.FORBIDDEN, detail + "; " + POLICY_HINT)
                : new CloudActException(ErrorCode.UPSTREAM_ERROR, detail);
    }

    /** OCI's error code (" NotAuthenticated"), or nothing when the body is not an OCI error document. */
    private static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            String code = error == null ? "" : error.path("code").asString("");
            return code.isBlank() ? "" : " " + code;
        } catch (JacksonException e) {
            return "";
        }
    }

    private static JsonNode read(String body) {
        JsonNode page;
        try {
            page = JSON.readTree(body);
        } catch (JacksonException e) {
            page = null;
        }
        if (page == null || !page.isObject()) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "OCI Object Storage answered the listing with something"
                    + " that is not a JSON object");
        }
        return page;
    }

    private static Instant created(JsonNode object, String name) {
        String text = object.path("timeCreated").asString("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "OCI Object Storage listed " + name
                    + " without a usable timeCreated ('" + text + "')", e);
        }
    }

    private static OciApiKey apiKey(String secret) {
        try {
            return OciApiKey.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The stored OCI credential is not a usable API signing key: " + e.getMessage(), e);
        }
    }

    /** Percent-encodes all but RFC 3986 unreserved characters (and {@code /} in a path, when kept). */
    static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }
}
