package com.cloudact.pipeline.extract.aws;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.autoconfigure.ProvidersProperties;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.aws.AwsCredential;
import com.cloudact.platform.providers.aws.AwsKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads AWS Cost and Usage Reports from the customer's S3 bucket, following the manifest of each billing month the
 * run's dates touch: CUR 2.0 (Data Exports, {@code metadata/BILLING_PERIOD=YYYY-MM/<export>-Manifest.json}, data
 * files as {@code s3://} URIs) first, else CUR 1.0 ({@code <report>/YYYYMMDD-YYYYMMDD/<report>-Manifest.json},
 * {@code reportKeys}). Only the files the newest manifest lists are read: a manifest names one complete version.
 * Credential metadata: {@code cur_bucket}, {@code cur_prefix}, {@code cur_report_name}, {@code region}.
 */
@Component
class S3CurReader implements ExportLocationReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ProviderEndpoints endpoints;
    private final CustomerAwsKeys customerKeys;

    S3CurReader(ProviderEndpoints endpoints, SafeHttp http, ProvidersProperties providers, Clock clock) {
        this.endpoints = endpoints;
        this.customerKeys = new CustomerAwsKeys(http, endpoints.awsSts(), providers.platformAwsKeys(), clock);
    }

    @Override
    public Provider provider() {
        return Provider.AWS;
    }

    @Override
    public List<Path> download(Request request, Path directory) throws IOException, InterruptedException {
        String bucket = required(request.metadata(), "cur_bucket");
        String report = required(request.metadata(), "cur_report_name");
        String prefix = Optional.ofNullable(request.metadata().get("cur_prefix")).map(String::valueOf)
                .map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty()).map(p -> p + "/").orElse("");
        String region = Optional.ofNullable(request.metadata().get("region")).map(String::valueOf).orElse("us-east-1");
        List<Path> files = new ArrayList<>();
        try (S3Client s3 = client(request, region)) {
            for (YearMonth month = YearMonth.from(request.start()); !month.isAfter(YearMonth.from(request.end()));
                 month = month.plusMonths(1)) {
                List<String> keys = dataFiles(s3, bucket, prefix, report, month);
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    Path target = directory.resolve(month + "-" + i + "-" + key.substring(key.lastIndexOf('/') + 1)
                            .replaceAll("[^A-Za-z0-9._-]", "_"));
                    s3.getObject(b -> b.bucket(bucket).key(key), target);
                    files.add(target);
                }
            }
        } catch (S3Exception e) {
            throw new CloudActException(e.statusCode() == 403 ? ErrorCode.FORBIDDEN : ErrorCode.UPSTREAM_ERROR,
                    "S3 refused reading the Cost and Usage Report in bucket " + bucket + ": "
                            + e.awsErrorDetails().errorCode(), e);
        } catch (SdkException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "S3 could not be read: " + e.getMessage(), e);
        }
        return files;
    }

    /** The data files of the month's newest manifest, CUR 2.0 first; none when the month has no report. */
    private static List<String> dataFiles(S3Client s3, String bucket, String prefix, String report, YearMonth month) {
        String cur2 = prefix + report + "/metadata/BILLING_PERIOD=" + month + "/" + report + "-Manifest.json";
        Optional<JsonNode> manifest = read(s3, bucket, cur2);
        if (manifest.isPresent()) {
            List<String> keys = new ArrayList<>();
            for (JsonNode uri : manifest.get().path("dataFiles")) {
                URI file = URI.create(uri.asString());
                if (!bucket.equals(file.getHost())) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The manifest " + cur2
                            + " names a file outside bucket " + bucket);
                }
                keys.add(file.getPath().substring(1));
            }
            return keys;
        }
        String range = month.atDay(1).format(DAY) + "-" + month.plusMonths(1).atDay(1).format(DAY);
        String cur1 = prefix + report + "/" + range + "/" + report + "-Manifest.json";
        return read(s3, bucket, cur1).map(m -> {
            if (!"GZIP".equalsIgnoreCase(m.path("compression").asString("GZIP"))
                    && !"Parquet".equalsIgnoreCase(m.path("compression").asString())) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The report " + report + " is "
                        + m.path("compression").asString() + "-compressed; set it to GZIP or Parquet");
            }
            List<String> keys = new ArrayList<>();
            m.path("reportKeys").forEach(k -> keys.add(k.asString()));
            return keys;
        }).orElse(List.of());
    }

    private static Optional<JsonNode> read(S3Client s3, String bucket, String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            return Optional.of(JSON.readTree(bytes.asUtf8String()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private S3Client client(Request request, String region) throws IOException, InterruptedException {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials(request)));
        if (!endpoints.awsS3().equals(ProviderEndpoints.production().awsS3())) {
            // A stand-in or S3-compatible store: one host, buckets in the path.
            builder.endpointOverride(URI.create(endpoints.awsS3For(region))).forcePathStyle(true);
        }
        return builder.build();
    }

    private AwsCredentials credentials(Request request) throws IOException, InterruptedException {
        AwsKeys keys = customerKeys.of(AwsCredential.parse(request.secret()), request.credential().credentialId(), "cur");
        return keys.sessionToken() == null ? AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())
                : AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken());
    }

    private static String required(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The AWS integration needs metadata." + key + " to read the Cost and Usage Report");
        }
        return String.valueOf(value);
    }
}
