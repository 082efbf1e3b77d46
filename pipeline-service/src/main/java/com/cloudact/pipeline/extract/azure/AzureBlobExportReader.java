package com.cloudact.pipeline.extract.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.AzureException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.platform.providers.ProviderEndpoints;
import com.cloudact.platform.providers.SafeHttp;
import com.cloudact.platform.providers.azure.AzureServicePrincipal;
import com.cloudact.platform.providers.azure.AzureTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Azure Cost Management exports (cost details, actual or amortized) from the customer's Blob container. An
 * export writes {@code {root}/{export}/{YYYYMMDD-YYYYMMDD}/{run time}/{run id}/} folders, each with the run's
 * {@code manifest.json} and data parts ({@code part_*.csv}, {@code .csv.gz} or {@code .snappy.parquet}). For every
 * date-range folder that touches the run's dates, the manifest submitted last ({@code runInfo.submittedTime}) wins,
 * and exactly the blobs it lists are downloaded: an older run's or a run still being written's parts never are.
 * The manifest's {@code exportConfig.type} says the dataset; the files are written under {@link #folderOf} it.
 *
 * <p>Credential metadata: {@code export_storage_account}, {@code export_container}, {@code export_root_folder}
 * (optional), {@code export_name}. Access: an Entra ID token for {@value #STORAGE_SCOPE} obtained with the service
 * principal (it needs the Storage Blob Data Reader role on the container), or Shared Key when the credential carries
 * a {@code storage_account_key}. Exports without a manifest (before API version 2023-07-01-preview) are not read.
 */
@Component
class AzureBlobExportReader implements ExportLocationReader {

    static final String STORAGE_SCOPE = "https://storage.azure.com/.default";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern RANGE = Pattern.compile("(\\d{8})-(\\d{8})");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]|\\$root");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final ProviderEndpoints endpoints;
    private final AzureTokens tokens;

    AzureBlobExportReader(ProviderEndpoints endpoints, SafeHttp http, Clock clock) {
        this.endpoints = endpoints;
        this.tokens = new AzureTokens(http, endpoints.azureLogin(), clock);
    }

    /** The sub-folder of the download directory the files of a dataset are written to. */
    static String folderOf(AzureCostExport.Dataset dataset) {
        return dataset == AzureCostExport.Dataset.ACTUAL ? "ActualCost" : "AmortizedCost";
    }

    @Override
    public Provider provider() {
        return Provider.AZURE;
    }

    @Override
    public List<Path> download(Request request, Path directory) throws IOException {
        String account = required(request.metadata(), "export_storage_account", ACCOUNT);
        String containerName = required(request.metadata(), "export_container", CONTAINER);
        String exportName = required(request.metadata(), "export_name", null);
        String root = Optional.ofNullable(request.metadata().get("export_root_folder")).map(String::valueOf)
                .map(p -> p.replaceAll("^/+|/+$", "")).filter(p -> !p.isEmpty()).map(p -> p + "/").orElse("");
        String prefix = root + exportName + "/";
        AzureServicePrincipal principal = principal(request.secret());
        BlobContainerClient container = container(account, containerName, principal);
        try {
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, List<String>> range : manifestsByRange(container, prefix, request).entrySet()) {
                Manifest newest = range.getValue().stream().map(name -> Manifest.read(container, name))
                        .max((a, b) -> a.submitted().compareTo(b.submitted())).orElseThrow();
                Path folder = Files.createDirectories(directory.resolve(folderOf(newest.dataset(exportName))));
                List<String> blobs = newest.blobs(prefix);
                for (int i = 0; i < blobs.size(); i++) {
                    String blob = blobs.get(i);
                    Path target = folder.resolve(range.getKey() + "-" + i + "-" + blob.substring(blob.lastIndexOf('/') + 1)
                            .replaceAll("[^A-Za-z0-9._-]", "_"));
                    container.getBlobClient(blob).downloadToFile(target.toString(), true);
                    files.add(target);
                }
            }
            return files;
        } catch (BlobStorageException e) {
            throw refused(e, account, containerName);
        } catch (AzureException | UncheckedIOException e) {
            throw new CloudActException(ErrorCode.UPSTREAM_ERROR, "Azure Blob storage account " + account
                    + " could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Manifest blob names per date-range folder ({@code YYYYMMDD-YYYYMMDD}) that overlaps the run's dates. */
    private static Map<String, List<String>> manifestsByRange(BlobContainerClient container, String prefix,
                                                              Request request) {
        Map<String, List<String>> ranges = new TreeMap<>();
        for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            String name = item.getName();
            if (!name.endsWith("/manifest.json")) {
                continue;
            }
            String folder = name.substring(prefix.length()).split("/", 2)[0];
            Matcher range = RANGE.matcher(folder);
            if (!range.matches()) {
                continue;
            }
            LocalDate from = LocalDate.parse(range.group(1), DAY);
            LocalDate to = LocalDate.parse(range.group(2), DAY);
            if (!from.isAfter(request.end()) && !to.isBefore(request.start())) {
                ranges.computeIfAbsent(folder, f -> new ArrayList<>()).add(name);
            }
        }
        return ranges;
    }

    /** One export run's manifest: when it was submitted, its dataset and its data blobs. */
    private record Manifest(String name, Instant submitted, String type, List<String> blobNames) {

        static Manifest read(BlobContainerClient container, String name) {
            JsonNode json;
            try {
                json = JSON.readTree(container.getBlobClient(name).downloadContent().toString());
            } catch (JacksonException e) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The export manifest " + name
                        + " is not JSON");
            }
            List<String> blobs = new ArrayList<>();
            json.path("blobs").forEach(b -> blobs.add(b.path("blobName").asString("").replaceAll("^/+", "")));
            return new Manifest(name, submitted(name, json.path("runInfo").path("submittedTime").asString("")),
                    json.path("exportConfig").path("type").asString(""), blobs);
        }

        private static Instant submitted(String name, String text) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The export manifest " + name
                            + " has no runInfo.submittedTime");
                }
            }
        }

        AzureCostExport.Dataset dataset(String exportName) {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "", "actualcost", "usage" -> AzureCostExport.Dataset.ACTUAL;
                case "amortizedcost" -> AzureCostExport.Dataset.AMORTIZED;
                default -> throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "The export "
                        + exportName + " is a " + type + " export; CloudAct reads cost details exports of type "
                        + "ActualCost or AmortizedCost");
            };
        }

        /** The data blobs; each must lie in the export's own folder. */
        List<String> blobs(String prefix) {
            for (String blob : blobNames) {
                if (!blob.startsWith(prefix) || blob.contains("/../")) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, "The export manifest " + name
                            + " names a blob outside the export folder " + prefix);
                }
            }
            return blobNames;
        }
    }

    private BlobContainerClient container(String account, String containerName, AzureServicePrincipal principal) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
                .endpoint(endpoints.azureBlobFor(account))
                .httpClient(new JdkHttpClientBuilder().build());
        if (principal.storageAccountKey() != null) {
            builder.credential(new StorageSharedKeyCredential(account, principal.storageAccountKey()));
        } else {
            builder.credential(entraToken(principal));
        }
        return builder.buildClient().getBlobContainerClient(containerName);
    }

    /** Tokens come from CloudAct's own client (cached per principal and scope), never from the SDK's identity stack. */
    private TokenCredential entraToken(AzureServicePrincipal principal) {
        return context -> Mono.fromCallable(() -> new AccessToken(tokens.accessToken(principal, STORAGE_SCOPE),
                OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5)));
    }

    private static AzureServicePrincipal principal(String secret) {
        try {
            return AzureServicePrincipal.parse(secret);
        } catch (IllegalArgumentException e) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The stored Azure credential is not a service principal: " + e.getMessage());
        }
    }

    private static CloudActException refused(BlobStorageException e, String account, String container) {
        String where = "container " + container + " of storage account " + account;
        return switch (e.getStatusCode()) {
            case 401, 403 -> new CloudActException(ErrorCode.FORBIDDEN, "Azure refused reading the " + where + " ("
                    + e.getErrorCode() + "): the service principal needs the Storage Blob Data Reader role on it, or"
                    + " the credential's storage_account_key is wrong", e);
            case 404 -> new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "Azure has no " + where
                    + " (" + e.getErrorCode() + ")", e);
            default -> new CloudActException(ErrorCode.UPSTREAM_ERROR, "Azure Blob storage failed reading the " + where
                    + ": " + e.getErrorCode(), e);
        };
    }

    private static String required(Map<String, Object> metadata, String key, Pattern format) {
        Object value = metadata.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED,
                    "The Azure integration needs metadata." + key + " to read the Cost Management export");
        }
        String text = String.valueOf(value).strip();
        if (format != null && !format.matcher(text).matches()) {
            throw new CloudActException(ErrorCode.INTEGRATION_NOT_CONFIGURED, "metadata." + key
                    + " is not a valid Azure name");
        }
        return text;
    }
}
