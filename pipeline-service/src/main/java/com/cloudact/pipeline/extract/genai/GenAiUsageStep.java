package com.cloudact.pipeline.extract.genai;

import com.cloudact.model.CloudActException;
import com.cloudact.model.DatasetName;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.Lineage;
import com.cloudact.model.Provider;
import com.cloudact.pipeline.PipelineProperties;
import com.cloudact.pipeline.engine.StepContext;
import com.cloudact.pipeline.engine.StepProcessor;
import com.cloudact.pipeline.engine.StepResult;
import com.cloudact.pipeline.extract.BillingFile;
import com.cloudact.pipeline.extract.BillingFileLoader;
import com.cloudact.pipeline.extract.ExportLocationReader;
import com.cloudact.pipeline.extract.RunCredentials;
import com.cloudact.platform.credentials.CredentialVault;
import com.cloudact.platform.credentials.StoredCredential;
import com.cloudact.platform.warehouse.Row;
import com.cloudact.platform.warehouse.SqlText;
import com.cloudact.platform.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code genai.usage}: reads one GenAI provider's usage (and the spend it reports) for the run's days through its
 * {@link GenAiUsageSource}, with the org's credential, or parses an uploaded file of saved API answer pages (JSON
 * Lines), and writes {@code genai_payg_usage_raw}, {@code genai_commitment_usage_raw} and
 * {@code genai_provider_costs_raw}.
 *
 * <p>Config {@code provider} names the source. Days are {@code start_date..end_date} (UTC, inclusive; yesterday by
 * default). The slice of a row is (org, pipeline, credential, day): a re-run replaces each day it read, and a day of
 * the range for which the provider reported nothing loses the rows an earlier run wrote for it, because "no usage"
 * is an answer too (unless the source answers only for the day it reads, {@link GenAiUsageSource#answersEveryDay()}).
 * An upload covers the days its pages hold (or the run's {@code start_date..end_date} when given).
 * Config {@code tables} limits what is written (see {@link #tables}). A failed read writes nothing. Outputs {@code start_date}, {@code end_date}, {@code credential_id} and
 * {@code rows_loaded}.
 */
@Component
class GenAiUsageStep implements StepProcessor {

    static final String TYPE = "genai.usage";
    private static final Logger LOG = LoggerFactory.getLogger(GenAiUsageStep.class);
    /** Decimal numbers read exactly (money), never through a double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final SqlText HIERARCHY = SqlText.of("""
            SELECT default_x_hierarchy_entity_id, default_x_hierarchy_entity_name, default_x_hierarchy_level_code,
                   default_x_hierarchy_path, default_x_hierarchy_path_names
            FROM ${central}.org_integration_credentials
            WHERE org_slug = @org AND credential_id = @id""").with("central", DatasetName.CENTRAL);

    private final Map<Provider, GenAiUsageSource> sources;
    private final RunCredentials credentials;
    private final BillingFileLoader loader;
    private final Warehouse warehouse;
    private final Path workDirectory;
    private final Clock clock;

    GenAiUsageStep(List<GenAiUsageSource> sources, CredentialVault vault, BillingFileLoader loader,
                   Warehouse warehouse, PipelineProperties properties, Clock clock) {
        this.sources = sources.stream().collect(Collectors.toUnmodifiableMap(GenAiUsageSource::provider,
                Function.identity()));
        this.credentials = new RunCredentials(vault, clock);
        this.loader = loader;
        this.warehouse = warehouse;
        this.workDirectory = properties.workDirectory();
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult run(StepContext context) throws IOException, InterruptedException {
        GenAiUsageSource source = source(context);
        Optional<Object> upload = context.variable("input_file");
        String credentialId;
        GenAiFetch fetched;
        LocalDate start;
        LocalDate end;
        if (upload.isPresent()) {
            String name = context.variable("input_file_name").map(String::valueOf)
                    .orElse(((Path) upload.get()).getFileName().toString());
            fetched = source.parse(pages((Path) upload.get(), name));
            List<LocalDate> days = days(fetched);
            if (days.isEmpty()) {
                throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name + " holds no "
                        + source.provider().displayName() + " usage or cost");
            }
            start = context.dateVariable("start_date").orElse(days.getFirst());
            end = context.dateVariable("end_date").orElse(context.dateVariable("start_date").isPresent() ? start
                    : days.getLast());
            requireOrdered(start, end);
            credentialId = context.variable("credential_id").map(String::valueOf)
                    .orElse("upload_" + source.provider().id());
        } else {
            StoredCredential credential = credentials.resolve(context, source.credentialProvider(),
                    "upload a file of saved usage pages with the run, or set up the integration");
            start = context.dateVariable("start_date").orElseGet(this::yesterday);
            end = context.dateVariable("end_date").orElse(start);
            requireOrdered(start, end);
            fetched = source.fetch(new ExportLocationReader.Request(credential, credentials.secret(credential),
                    RunCredentials.metadata(credential), start, end));
            credentialId = credential.credentialId();
        }
        boolean everyDay = upload.isPresent() || source.answersEveryDay();
        Set<GenAiRawTable> tables = tables(context);
        long rows = write(context, source.provider(), kept(within(fetched, start, end), tables), credentialId,
                start, end, everyDay ? tables : Set.of());
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("start_date", start);
        outputs.put("end_date", end);
        outputs.put("credential_id", credentialId);
        outputs.put("rows_loaded", rows);
        return new StepResult(rows, outputs);
    }

    private static void requireOrdered(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new CloudActException(ErrorCode.INVALID_PARAMETER, "end_date " + end + " is before start_date "
                    + start);
        }
    }

    private GenAiUsageSource source(StepContext context) {
        String name = context.configString("provider", null);
        if (name == null) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Step " + context.stepId() + " (" + TYPE
                    + ") needs config 'provider'");
        }
        return Provider.find(name).map(sources::get).orElseThrow(() -> new CloudActException(ErrorCode.BAD_REQUEST,
                "Step " + context.stepId() + ": no GenAI usage source for provider '" + name + "'"));
    }

    /** One JSON value per non-blank line; a line that is not JSON fails the run, naming the line. */
    static List<JsonNode> pages(Path file, String name) throws IOException {
        List<JsonNode> pages = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    pages.add(JSON.readTree(line));
                } catch (RuntimeException e) {
                    throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name + " line " + number
                            + " is not a JSON answer page (the file must hold one page per line)");
                }
            }
        } catch (MalformedInputException e) {
            throw new CloudActException(ErrorCode.INVALID_BILLING_FILE, name + " is not UTF-8 text");
        }
        return pages;
    }

    private static List<LocalDate> days(GenAiFetch fetched) {
        return Stream.of(fetched.usage().stream().map(GenAiUsage::usageDate),
                        fetched.commitments().stream().map(GenAiCommitmentUsage::usageDate),
                        fetched.costs().stream().map(GenAiProviderCost::costDate))
                .flatMap(Function.identity()).distinct().sorted().toList();
    }

    /** Only the run's days are written; a provider bucket outside them (a clock skew at the edges) is left out. */
    private static GenAiFetch within(GenAiFetch fetched, LocalDate start, LocalDate end) {
        return new GenAiFetch(
                fetched.usage().stream().filter(u -> inRange(u.usageDate(), start, end)).toList(),
                fetched.commitments().stream().filter(c -> inRange(c.usageDate(), start, end)).toList(),
                fetched.costs().stream().filter(c -> inRange(c.costDate(), start, end)).toList());
    }

    /**
     * The raw tables this step writes: config {@code tables} (raw table names), all three by default. A provider's
     * PAYG and commitment pipelines read the same APIs; each keeps only its own records, so no fact is stored under
     * two pipelines and priced twice.
     */
    private static Set<GenAiRawTable> tables(StepContext context) {
        Object configured = context.config().get("tables");
        if (configured == null) {
            return EnumSet.allOf(GenAiRawTable.class);
        }
        if (!(configured instanceof List<?> names) || names.isEmpty()) {
            throw new CloudActException(ErrorCode.BAD_REQUEST, "Step " + context.stepId()
                    + ": config 'tables' must be a list of GenAI raw table names");
        }
        Set<GenAiRawTable> tables = EnumSet.noneOf(GenAiRawTable.class);
        for (Object name : names) {
            tables.add(Stream.of(GenAiRawTable.values()).filter(t -> t.rawTable().equals(String.valueOf(name)))
                    .findFirst().orElseThrow(() -> new CloudActException(ErrorCode.BAD_REQUEST, "Step "
                            + context.stepId() + ": '" + name + "' is not a GenAI raw table")));
        }
        return tables;
    }

    private static GenAiFetch kept(GenAiFetch fetched, Set<GenAiRawTable> tables) {
        return new GenAiFetch(tables.contains(GenAiRawTable.PAYG_USAGE) ? fetched.usage() : List.of(),
                tables.contains(GenAiRawTable.COMMITMENT_USAGE) ? fetched.commitments() : List.of(),
                tables.contains(GenAiRawTable.PROVIDER_COSTS) ? fetched.costs() : List.of());
    }

    private static boolean inRange(LocalDate day, LocalDate start, LocalDate end) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /**
     * Loads each table's rows (replacing the days they cover), then removes what earlier runs wrote for days of the
     * range this run found empty: the rows of the slice key in the range that this run did not write.
     */
    private long write(StepContext context, Provider provider, GenAiFetch fetched, String credentialId,
                       LocalDate start, LocalDate end, Set<GenAiRawTable> answeredEveryDay) throws IOException {
        GenAiRawFiles.Hierarchy hierarchy = hierarchy(context, credentialId);
        Path directory = Files.createDirectories(workDirectory.resolve(context.runId()).resolve(context.stepId()));
        BillingFileLoader.Target target = new BillingFileLoader.Target(context.orgDataset(), context.org().value(),
                context.pipelineId(), context.runId(), credentialId);
        long rows = 0;
        try {
            String file = provider.id() + "-" + start + "-" + end;
            if (!fetched.usage().isEmpty()) {
                rows += load(GenAiRawTable.PAYG_USAGE, GenAiRawFiles.usage(fetched.usage(), hierarchy,
                        directory.resolve("usage.csv")), file + "-usage.csv", target);
            }
            if (!fetched.commitments().isEmpty()) {
                rows += load(GenAiRawTable.COMMITMENT_USAGE, GenAiRawFiles.commitments(fetched.commitments(),
                        hierarchy, directory.resolve("commitments.csv")), file + "-commitments.csv", target);
            }
            if (!fetched.costs().isEmpty()) {
                rows += load(GenAiRawTable.PROVIDER_COSTS, GenAiRawFiles.costs(fetched.costs(), hierarchy,
                        directory.resolve("costs.csv")), file + "-costs.csv", target);
            }
        } finally {
            delete(directory);
        }
        for (GenAiRawTable table : answeredEveryDay) {
            removeEmptyDays(context, table, credentialId, start, end);
        }
        return rows;
    }

    private long load(GenAiRawTable table, Path csv, String displayName, BillingFileLoader.Target target) {
        return loader.load(table, List.of(BillingFile.open(csv, displayName)), target).rows();
    }

    private void removeEmptyDays(StepContext context, GenAiRawTable table, String credentialId, LocalDate start,
                                 LocalDate end) {
        long removed = warehouse.execute(SqlText.of("DELETE FROM ${ds}." + table.rawTable() + " WHERE "
                + Lineage.ORG_SLUG + " = @org AND " + Lineage.PIPELINE_ID + " = @pipeline AND "
                + Lineage.CREDENTIAL_ID + " = @credential AND " + Lineage.PIPELINE_RUN_DATE
                + " BETWEEN @start AND @end AND " + Lineage.RUN_ID + " <> @run").with("ds", context.orgDataset()),
                Map.of("org", context.org().value(), "pipeline", context.pipelineId(), "credential", credentialId,
                        "start", start, "end", end, "run", context.runId()));
        if (removed > 0) {
            LOG.info("Removed {} rows of {} for days {}..{} the provider now reports empty", removed,
                    table.rawTable(), start, end);
        }
    }

    private GenAiRawFiles.Hierarchy hierarchy(StepContext context, String credentialId) {
        List<Row> rows = warehouse.query(HIERARCHY, Map.of("org", context.org().value(), "id", credentialId));
        if (rows.isEmpty() || rows.getFirst().string("default_x_hierarchy_entity_id") == null) {
            return GenAiRawFiles.Hierarchy.NONE;
        }
        Row row = rows.getFirst();
        return new GenAiRawFiles.Hierarchy(row.string("default_x_hierarchy_entity_id"),
                row.string("default_x_hierarchy_entity_name"), row.string("default_x_hierarchy_level_code"),
                row.string("default_x_hierarchy_path"), row.string("default_x_hierarchy_path_names"),
                clock.instant().truncatedTo(ChronoUnit.MICROS)); // BigQuery timestamps keep microseconds
    }

    private LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /** The written files hold a provider's usage: removed whatever happened; a failure to remove is only logged. */
    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the work folder {}: {}", directory, e.getMessage());
        }
    }
}
